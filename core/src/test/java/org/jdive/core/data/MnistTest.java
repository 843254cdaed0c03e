package org.jdive.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The project's MNIST copy reads as its README describes. */
class MnistTest {

    @Test
    void tenThousandDigitsWithTheDocumentedClassCounts() throws Exception {
        Path dir = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
            dir = Files.isDirectory(p.resolve("data/mnist")) ? p.resolve("data/mnist") : null;
        }
        ArrayDataset mnist = Mnist.load(dir.resolve("mnist-10k-images-idx3-ubyte.gz"), dir.resolve("mnist-10k-labels-idx1-ubyte.gz"));
        assertEquals(10_000, mnist.size());
        assertArrayEquals(new int[] {1, 28, 28}, mnist.featureShape());
        int[] counts = new int[10];
        float[] label = new float[1];
        float[] pixels = new float[784];
        float max = 0;
        for (int i = 0; i < mnist.size(); i++) {
            mnist.copyTarget(i, label, 0);
            counts[(int) label[0]]++;
            mnist.copyFeatures(i, pixels, 0);
            for (float v : pixels) {
                max = Math.max(max, v);
            }
        }
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
        assertEquals(1f, max, "grey levels scaled to [0, 1]");
    }
}
