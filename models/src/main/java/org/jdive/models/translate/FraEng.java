package org.jdive.models.translate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdive.core.data.Vocab;

/**
 * The English–French pairs as D2L 1.0.3's {@code MTFraEng} data module gives them (section 10.5, PyTorch edition).
 *
 * <ol>
 *   <li>{@link #preprocess}: narrow and ordinary no-break spaces become spaces, the text is lowercased, and a space is
 *       put before each {@code , . ! ?} that follows anything but a space.</li>
 *   <li>{@link #tokenize}: each line {@code english<TAB>french} gives two lists of words (split at spaces, empty words
 *       dropped), each ending in {@code <eos>}. As the book's {@code if max_examples and i > max_examples: break}, it
 *       reads lines 0 to {@code maxExamples} inclusive: one more pair than asked for.</li>
 *   <li>Each sentence is truncated or padded with {@code <pad>} to {@code numSteps} words; each target gets a
 *       {@code <bos>} in front. Each side's {@link Vocab} counts the padded sentences of all pairs read (training and
 *       validation) and keeps the words seen at least twice, plus {@code <unk>}.</li>
 *   <li>The arrays: the source ids, the source's valid length (its words that are not {@code <pad>}), the decoder's
 *       input (the target without its last word) and the labels (the target without its {@code <bos>}).</li>
 * </ol>
 *
 * The first {@code numTrain} pairs train; the rest (with the book's off-by-one, {@code numVal + 1} of them) validate.
 */
public final class FraEng {

    /** The data set's folder name, as {@link org.jdive.core.data.DataHome#find} looks for it. */
    public static final String NAME = "fra-eng";
    /** The file in that folder. */
    public static final String FILE = "fra-eng.txt";
    /** D2L's training pairs ({@code num_train}). */
    public static final int NUM_TRAIN = 512;
    /** D2L's validation pairs ({@code num_val}). */
    public static final int NUM_VAL = 128;
    /** D2L's words per sentence ({@code num_steps}). */
    public static final int NUM_STEPS = 9;

    /** The word that fills a sentence up to {@code numSteps}. */
    public static final String PAD = "<pad>";
    /** The word every decoder input starts with. */
    public static final String BOS = "<bos>";
    /** The word that ends every sentence. */
    public static final String EOS = "<eos>";

    /** Each pair's words, {@code <eos>} last: the English sources and the French targets, pair by pair. */
    public record Tokens(List<List<String>> source, List<List<String>> target) {
    }

    private final int numSteps;
    private final int numTrain;
    private final Vocab srcVocab;
    private final Vocab tgtVocab;
    private final Examples examples;
    private final List<String> references;

    private FraEng(Tokens tokens, int numSteps, int numTrain) {
        this.numSteps = numSteps;
        this.numTrain = numTrain;
        List<List<String>> src = padded(tokens.source(), numSteps, false);
        List<List<String>> tgt = padded(tokens.target(), numSteps, true);
        srcVocab = new Vocab(src.stream().flatMap(List::stream).toList(), 2, List.of());
        tgtVocab = new Vocab(tgt.stream().flatMap(List::stream).toList(), 2, List.of());
        examples = examples(src, tgt);
        references = tokens.target().stream().map(FraEng::sentence).toList();
    }

    /**
     * The pairs of {@code folder/fra-eng.txt}, the first {@code numTrain} for training and the next {@code numVal}
     * (plus one, as the book) for validation, their sentences {@code numSteps} words long.
     */
    public static FraEng load(Path folder, int numSteps, int numTrain, int numVal) throws IOException {
        String text = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8);
        Tokens tokens = tokenize(preprocess(text), numTrain + numVal);
        if (tokens.source().size() <= numTrain) {
            throw new IllegalArgumentException(folder.resolve(FILE) + " holds " + tokens.source().size()
                    + " pairs: too few for " + numTrain + " training pairs and validation ones");
        }
        return new FraEng(tokens, numSteps, numTrain);
    }

    /** D2L's {@code _preprocess}. */
    public static String preprocess(String text) {
        String lower = text.replace('\u202f', ' ').replace('\u00a0', ' ').toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length() + lower.length() / 8);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (i > 0 && ",.!?".indexOf(c) >= 0 && lower.charAt(i - 1) != ' ') {
                out.append(' ');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** D2L's {@code _tokenize}: the pairs of lines 0 to {@code maxExamples} (inclusive; 0 for all). */
    public static Tokens tokenize(String text, int maxExamples) {
        List<List<String>> src = new ArrayList<>();
        List<List<String>> tgt = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (maxExamples > 0 && i > maxExamples) {
                break;
            }
            String[] parts = lines[i].split("\t", -1);
            if (parts.length == 2) {
                src.add(words(parts[0]));
                tgt.add(words(parts[1]));
            }
        }
        return new Tokens(src, tgt);
    }

    private static List<String> words(String sentence) {
        List<String> out = new ArrayList<>();
        for (String w : (sentence + " " + EOS).split(" ")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<List<String>> padded(List<List<String>> sentences, int numSteps, boolean target) {
        List<List<String>> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            List<String> p = new ArrayList<>(numSteps + 1);
            if (target) {
                p.add(BOS);
            }
            p.addAll(s.subList(0, Math.min(s.size(), numSteps)));
            while (p.size() < numSteps + (target ? 1 : 0)) {
                p.add(PAD);
            }
            out.add(p);
        }
        return out;
    }

    private Examples examples(List<List<String>> src, List<List<String>> tgt) {
        int n = src.size();
        float[] source = new float[n * numSteps];
        float[] validLen = new float[n];
        float[] decoderInput = new float[n * numSteps];
        float[] labels = new float[n * numSteps];
        int pad = srcVocab.index(PAD);
        for (int i = 0; i < n; i++) {
            int[] s = srcVocab.indices(src.get(i));
            int[] t = tgtVocab.indices(tgt.get(i));
            for (int j = 0; j < numSteps; j++) {
                source[i * numSteps + j] = s[j];
                validLen[i] += s[j] != pad ? 1 : 0;
                decoderInput[i * numSteps + j] = t[j];
                labels[i * numSteps + j] = t[j + 1];
            }
        }
        return new Examples(n, numSteps, source, validLen, decoderInput, labels);
    }

    /** D2L's {@code build}: the arrays for new pairs (preprocessed and tokenized as the data), with the data's vocabularies. */
    public Examples build(List<String> sources, List<String> targets) {
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException(sources.size() + " sources but " + targets.size() + " targets");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            text.append(i > 0 ? "\n" : "").append(sources.get(i)).append('\t').append(targets.get(i));
        }
        Tokens tokens = tokenize(preprocess(text.toString()), 0);
        return examples(padded(tokens.source(), numSteps, false), padded(tokens.target(), numSteps, true));
    }

    /** The training pairs. */
    public Examples train() {
        return examples.range(0, numTrain);
    }

    /** The validation pairs. */
    public Examples validation() {
        return examples.range(numTrain, examples.count());
    }

    /** The training pairs' French sentences, words joined by spaces, without {@code <eos>}. */
    public List<String> trainingReferences() {
        return references.subList(0, numTrain);
    }

    /** The validation pairs' French sentences, words joined by spaces, without {@code <eos>} (BLEU's references). */
    public List<String> validationReferences() {
        return references.subList(numTrain, references.size());
    }

    /** The English vocabulary. */
    public Vocab sourceVocab() {
        return srcVocab;
    }

    /** The French vocabulary. */
    public Vocab targetVocab() {
        return tgtVocab;
    }

    /** The words per sentence. */
    public int numSteps() {
        return numSteps;
    }

    private static String sentence(List<String> words) {
        return String.join(" ", words.subList(0, words.size() - 1));
    }

    /**
     * Pairs as arrays of ids (whole numbers as floats), {@code count} rows of {@code numSteps}: the sources, their valid
     * lengths, the decoder's inputs and the labels.
     */
    public record Examples(int count, int numSteps, float[] source, float[] sourceValidLength, float[] decoderInput,
                           float[] labels) {

        /** Rows {@code from} to {@code to} (exclusive). */
        public Examples range(int from, int to) {
            return new Examples(to - from, numSteps, Arrays.copyOfRange(source, from * numSteps, to * numSteps),
                    Arrays.copyOfRange(sourceValidLength, from, to),
                    Arrays.copyOfRange(decoderInput, from * numSteps, to * numSteps),
                    Arrays.copyOfRange(labels, from * numSteps, to * numSteps));
        }

        /** The rows {@code rows}, in that order. */
        public Examples rows(int[] rows) {
            float[] s = new float[rows.length * numSteps];
            float[] v = new float[rows.length];
            float[] d = new float[rows.length * numSteps];
            float[] l = new float[rows.length * numSteps];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(source, rows[i] * numSteps, s, i * numSteps, numSteps);
                v[i] = sourceValidLength[rows[i]];
                System.arraycopy(decoderInput, rows[i] * numSteps, d, i * numSteps, numSteps);
                System.arraycopy(labels, rows[i] * numSteps, l, i * numSteps, numSteps);
            }
            return new Examples(rows.length, numSteps, s, v, d, l);
        }

        /** The ids of the {@code <bos>} each decoder input starts with. */
        public int bos(int row) {
            return (int) decoderInput[row * numSteps];
        }
    }
}
