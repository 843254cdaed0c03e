package org.jdive.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; MIT licence, © Zalando): 60,000 training and 10,000 test images of
 * 28×28 grey clothing in ten classes, D2L's data set for its vision chapters. Read from the four IDX files (gzipped
 * or not) as Zalando publishes them and Debian's {@code dataset-fashion-mnist} installs them
 * ({@code /usr/share/datasets/fashion-mnist}); {@link DataHome} says where else it looks.
 */
public final class FashionMnist {

    /** The data set's name for {@link DataHome}. */
    public static final String NAME = "fashion-mnist";

    /** The classes in label order, as D2L's {@code text_labels} names them. */
    public static final List<String> LABELS = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");

    /** The training and test splits, features {@code [1, 28, 28]} in [0, 1], targets class indices. */
    public record Splits(ArrayDataset train, ArrayDataset test) {
    }

    private FashionMnist() {
    }

    /** Reads the splits from {@code folder}; a missing file is an {@link IOException} saying how to get the data. */
    public static Splits load(Path folder) throws IOException {
        return new Splits(Mnist.load(file(folder, "train-images-idx3-ubyte"), file(folder, "train-labels-idx1-ubyte")),
                Mnist.load(file(folder, "t10k-images-idx3-ubyte"), file(folder, "t10k-labels-idx1-ubyte")));
    }

    /** Whether {@code folder} holds the four files. */
    public static boolean isIn(Path folder) {
        for (String part : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            if (!Files.exists(folder.resolve(part + ".gz")) && !Files.exists(folder.resolve(part))) {
                return false;
            }
        }
        return true;
    }

    /** How to get the data, for messages when it is missing. */
    public static String howToGet() {
        return "install Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist), or put the four "
                + "IDX files of https://github.com/zalandoresearch/fashion-mnist into $" + DataHome.ENV + "/" + NAME;
    }

    private static Path file(Path folder, String name) throws IOException {
        Path gz = folder.resolve(name + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        Path plain = folder.resolve(name);
        if (Files.exists(plain)) {
            return plain;
        }
        throw new IOException("no Fashion-MNIST file " + name + "[.gz] in " + folder + "; " + howToGet());
    }
}
