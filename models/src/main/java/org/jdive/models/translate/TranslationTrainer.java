package org.jdive.models.translate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.models.classify.EpochStream;

/**
 * Trains a {@link Translator} epoch by epoch as D2L's {@code Trainer.fit} does: each epoch one pass over the training
 * pairs in shuffled minibatches (the last, smaller one kept); then the mean BLEU of the greedy translations of the
 * validation pairs, and the BLEU of the book's four sentences ({@link #ENGLISH}). Each epoch's shuffle and dropout masks
 * come from streams named after the seed and the epoch, so epoch {@code e} does the same work whether the run began at
 * epoch 0 or was resumed after epoch {@code e − 1}.
 */
public final class TranslationTrainer {

    /** The sentences D2L 10.7.6 and 11.4 translate. */
    public static final List<String> ENGLISH = List.of("go .", "i lost .", "he's calm .", "i'm home .");
    /** Their references. */
    public static final List<String> FRENCH = List.of("va !", "j'ai perdu .", "il est calme .", "je suis chez moi .");

    /** One epoch's record: the training loss (per unpadded word), the validation BLEU and each of the four sentences'. */
    public record Epoch(int epoch, double trainLoss, double validationBleu, List<Double> sentenceBleu, double seconds) {
    }

    private final Translator translator;
    private final FraEng data;
    private final FraEng.Examples sentences;
    private final int batchSize;
    private final long seed;
    private final EpochStream masks;
    private final Backend backend;
    private int epochsDone;

    /**
     * Trains {@code translator} on {@code data}'s training pairs in minibatches of {@code batchSize}, shuffled from
     * {@code seed}; {@code masks} (the network's dropout stream) restarts at each epoch.
     */
    public TranslationTrainer(Translator translator, FraEng data, int batchSize, long seed, EpochStream masks,
                              Backend backend) {
        int n = data.train().count();
        if (batchSize < 1 || batchSize > n) {
            throw new IllegalArgumentException("batch size must be in [1, " + n + "], got " + batchSize);
        }
        this.translator = translator;
        this.data = data;
        this.sentences = data.build(ENGLISH, FRENCH);
        this.batchSize = batchSize;
        this.seed = seed;
        this.masks = masks;
        this.backend = backend;
    }

    /** Trains one more epoch and scores the translations. */
    public Epoch trainEpoch() {
        long start = System.nanoTime();
        FraEng.Examples train = data.train();
        int[] order = shuffled(train.count(), Rng.split(seed, "data/epoch-" + epochsDone));
        masks.startEpoch(epochsDone);
        Translator.Score seen = new Translator.Score(0, 0);
        for (int from = 0; from < order.length; from += batchSize) {
            int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
            seen = seen.plus(translator.step(train.rows(rows), backend));
        }
        epochsDone++;
        double validation = translator.meanBleu(data.validation(), data.validationReferences(), backend);
        List<Double> four = new ArrayList<>();
        List<Translator.Translation> t = translator.translate(sentences, backend);
        for (int i = 0; i < t.size(); i++) {
            four.add(Bleu.of(t.get(i).text(), FRENCH.get(i), 2));
        }
        return new Epoch(epochsDone, seen.loss(), validation, four, (System.nanoTime() - start) / 1e9);
    }

    private static int[] shuffled(int n, UniformRandomProvider rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** The translations of the book's four sentences by the current model. */
    public List<Translator.Translation> bookSentences() {
        return translator.translate(sentences, backend);
    }

    /** The translator it trains. */
    public Translator translator() {
        return translator;
    }

    /** The epochs trained so far. */
    public int epochsDone() {
        return epochsDone;
    }

    /** Sets the epochs already trained (what a checkpoint restores). */
    public void epochsDone(int epochs) {
        this.epochsDone = epochs;
    }
}
