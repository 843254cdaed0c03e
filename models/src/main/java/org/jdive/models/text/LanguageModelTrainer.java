package org.jdive.models.text;

import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;

/**
 * Trains a {@link LanguageModel} epoch by epoch as D2L's {@code Trainer.fit} does: each epoch one pass over the
 * training windows in shuffled minibatches (the last, smaller one kept), then the validation windows' perplexity.
 * Each epoch's shuffle comes from a stream named after the seed and the epoch, so epoch {@code e} does the same work
 * whether the run began at epoch 0 or was resumed after epoch {@code e − 1}.
 */
public final class LanguageModelTrainer {

    /** One epoch's record: the training perplexity (over the epoch's updates, as D2L plots it) and the validation one. */
    public record Epoch(int epoch, double trainPerplexity, double validationPerplexity, double seconds) {
    }

    private final LanguageModel model;
    private final Dataset train;
    private final Dataset validation;
    private final int batchSize;
    private final long seed;
    private final Backend backend;
    private int epochsDone;

    /** Trains {@code model} on {@code train} in minibatches of {@code batchSize}, shuffled from {@code seed}. */
    public LanguageModelTrainer(LanguageModel model, Dataset train, Dataset validation, int batchSize, long seed,
                                Backend backend) {
        if (batchSize < 1 || batchSize > train.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + train.size() + "], got " + batchSize);
        }
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.batchSize = batchSize;
        this.seed = seed;
        this.backend = backend;
    }

    /** Trains one more epoch and scores the validation windows. */
    public Epoch trainEpoch() {
        long start = System.nanoTime();
        DataLoader loader = new DataLoader(train, batchSize, true, false, Rng.split(seed, "data/epoch-" + epochsDone),
                backend);
        LanguageModel.Score seen = new LanguageModel.Score(0, 0);
        for (Batch batch : loader) { // the loader frees each batch when it makes the next
            seen = seen.plus(model.step(batch.features(), batch.targets()));
        }
        epochsDone++;
        LanguageModel.Score held = model.evaluate(validation, batchSize);
        return new Epoch(epochsDone, seen.perplexity(), held.perplexity(), (System.nanoTime() - start) / 1e9);
    }

    /** The model it trains. */
    public LanguageModel model() {
        return model;
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
