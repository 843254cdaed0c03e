package org.jdive.core.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.data.Dataset;
import org.jdive.core.data.Mnist;

/** The project's 10,000 MNIST digits (data/mnist), split 8,000 train / 2,000 held out; read once per JVM. */
final class MnistData {

    static final int TRAIN = 8000;

    private static ArrayDataset all;

    private MnistData() {
    }

    static synchronized ArrayDataset all() {
        if (all == null) {
            Path dir = folder();
            try {
                all = Mnist.load(dir.resolve("mnist-10k-images-idx3-ubyte.gz"), dir.resolve("mnist-10k-labels-idx1-ubyte.gz"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    static Dataset train() {
        return all().range(0, TRAIN);
    }

    static Dataset heldOut() {
        return all().range(TRAIN, all().size());
    }

    /** data/mnist in the project root, found from the working directory (the module's folder under Maven). */
    static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("data/mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/mnist not found above " + Path.of("").toAbsolutePath());
    }
}
