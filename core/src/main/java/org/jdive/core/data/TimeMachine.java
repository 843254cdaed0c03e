package org.jdive.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * H. G. Wells's <i>The Time Machine</i> as D2L 1.0.3's {@code TimeMachine} data module gives it (sections 9.2 and 9.3 of
 * the PyTorch edition): the text with every run of non-letters replaced by one space and lowercased, split into
 * characters, indexed by a {@link Vocab} of them (28: space, {@code <unk>}, the letters); then every window of
 * {@code numSteps + 1} consecutive characters, window {@code i} starting at character {@code i}, gives an input
 * {@code X} (its first {@code numSteps}) and a target {@code Y} (its last {@code numSteps}, the inputs shifted by one).
 * The first {@code numTrain} windows train (D2L shuffles them each epoch), the next {@code numVal} validate.
 */
public final class TimeMachine {

    /** The data set's folder name, as {@link DataHome#find} looks for it. */
    public static final String NAME = "timemachine";
    /** The file in that folder. */
    public static final String FILE = "timemachine.txt";
    /** D2L's number of training windows ({@code num_train}). */
    public static final int NUM_TRAIN = 10000;
    /** D2L's number of validation windows ({@code num_val}). */
    public static final int NUM_VAL = 5000;

    private static final Pattern NON_LETTERS = Pattern.compile("[^A-Za-z]+");

    /** The text as indices into its vocabulary. */
    public record Corpus(int[] indices, Vocab vocab) {
    }

    /**
     * Training and validation windows, each example's features the {@code numSteps} input indices and its target the
     * {@code numSteps} next ones (indices stored as floats), and the vocabulary.
     */
    public record Splits(ArrayDataset train, ArrayDataset validation, Vocab vocab) {
    }

    private TimeMachine() {
    }

    /** The raw text of {@code folder/timemachine.txt}. */
    public static String read(Path folder) throws IOException {
        return Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8);
    }

    /** D2L's {@code re.sub('[^A-Za-z]+', ' ', text).lower()}. */
    public static String preprocess(String text) {
        return NON_LETTERS.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** The characters of {@code text}, one token each (D2L's character tokenizer). */
    public static List<String> characters(String text) {
        List<String> out = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.add(String.valueOf(text.charAt(i)));
        }
        return out;
    }

    /** The preprocessed characters of {@code rawText} and a vocabulary built from them (D2L's {@code build}). */
    public static Corpus build(String rawText) {
        List<String> tokens = characters(preprocess(rawText));
        Vocab vocab = new Vocab(tokens);
        return new Corpus(vocab.indices(tokens), vocab);
    }

    /** D2L's splits of {@code folder/timemachine.txt} into windows of {@code numSteps}: see the class comment. */
    public static Splits load(Path folder, int numSteps, int numTrain, int numVal) throws IOException {
        Corpus corpus = build(read(folder));
        int windows = corpus.indices().length - numSteps;
        if (numSteps < 1 || numTrain < 1 || numVal < 1 || (long) numTrain + numVal > windows) {
            throw new IllegalArgumentException("The Time Machine has " + windows + " windows of " + numSteps
                    + " steps; cannot train on " + numTrain + " and validate on " + numVal + " (steps, training and "
                    + "validation windows must be positive, the windows at most " + windows + ")");
        }
        return new Splits(windows(corpus.indices(), numSteps, 0, numTrain),
                windows(corpus.indices(), numSteps, numTrain, numVal), corpus.vocab());
    }

    /**
     * The {@code count} windows starting at characters {@code from, from + 1, …}: features {@code corpus[i, i + numSteps)},
     * targets {@code corpus[i + 1, i + numSteps]}.
     */
    public static ArrayDataset windows(int[] corpus, int numSteps, int from, int count) {
        float[] x = new float[count * numSteps];
        float[] y = new float[count * numSteps];
        for (int w = 0; w < count; w++) {
            for (int t = 0; t < numSteps; t++) {
                x[w * numSteps + t] = corpus[from + w + t];
                y[w * numSteps + t] = corpus[from + w + t + 1];
            }
        }
        return new ArrayDataset(x, new int[] {numSteps}, y, new int[] {numSteps});
    }
}
