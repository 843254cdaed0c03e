package org.jdive.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jdive.core.Rng;
import org.jdive.core.data.Dataset;
import org.jdive.gan.data.ImageDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureNetTest {

    private static final long SEED = 7;

    @TempDir
    static Path cache;
    private static Dataset digits;
    private static FeatureNet net;

    @BeforeAll
    static void trainOnce() throws IOException {
        Path root = Path.of("..", "data", "mnist");
        digits = ImageDatasets.mnist(root.resolve("mnist-10k-images-idx3-ubyte.gz"),
                root.resolve("mnist-10k-labels-idx1-ubyte.gz"), 28);
        net = FeatureNet.cached(digits.range(0, 3000), SEED, cache);
    }

    @Test
    void classifiesHeldOutDigits() {
        double accuracy = net.accuracy(digits.range(9000, 10_000));
        assertTrue(accuracy > 0.85, "held-out accuracy after 3,000 training digits: " + accuracy);
    }

    @Test
    void agreementWithGivenClassesIsTheAccuracyForTrueLabelsAndLowForWrongOnes() {
        Dataset held = digits.range(9000, 9500);
        int[] truth = new int[held.size()];
        int[] shifted = new int[held.size()];
        float[] label = new float[1];
        for (int i = 0; i < truth.length; i++) {
            held.copyTarget(i, label, 0);
            truth[i] = (int) label[0];
            shifted[i] = (truth[i] + 1) % 10;
        }
        float[] pixels = images(held);
        assertEquals(net.accuracy(held), net.agreement(pixels, truth));
        assertTrue(net.agreement(pixels, shifted) < 0.1, "digits asked to be the next class: "
                + net.agreement(pixels, shifted));
    }

    @Test
    void itsFeaturesSeparateRealDigitsFromNoiseAndSeeMissingClasses() {
        int n = 400;
        float[] real = net.features(images(digits.range(3000, 3000 + n)), n);
        float[] other = net.features(images(digits.range(4000, 4000 + n)), n);
        float[] noise = new float[n * 28 * 28];
        var rng = Rng.seeded(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextFloat() * 2 - 1;
        }
        double floor = FrechetDistance.between(real, other, FeatureNet.FEATURES);
        double apart = FrechetDistance.between(real, net.features(noise, n), FeatureNet.FEATURES);
        assertTrue(apart > 20 * floor, "real vs real " + floor + ", real vs noise " + apart);

        // A "generator" that draws only digits 0-4 misses half of the real manifold but stays on it.
        float[] lowDigits = net.features(images(digitsBelow(5, 5000, n)), n);
        PrecisionRecall.Result full = PrecisionRecall.of(real, other, FeatureNet.FEATURES, PrecisionRecall.DEFAULT_K);
        PrecisionRecall.Result half = PrecisionRecall.of(real, lowDigits, FeatureNet.FEATURES, PrecisionRecall.DEFAULT_K);
        assertTrue(full.precision() > 0.6 && full.recall() > 0.6, "real vs real " + full);
        assertTrue(half.recall() < full.recall() - 0.2, "digits 0-4 only " + half + ", all digits " + full);
        assertTrue(half.precision() > full.precision() - 0.1, "digits 0-4 only " + half + ", all digits " + full);
    }

    @Test
    void theCachedNetworkGivesTheSameFeaturesBitForBit() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".safetensors")).count());
        }
        FeatureNet loaded = FeatureNet.cached(digits.range(0, 3000), SEED, cache);
        float[] some = images(digits.range(5000, 5100));
        assertArrayEquals(net.features(some, 100), loaded.features(some, 100));
    }

    @Test
    void imagesOfAnotherSizeAreResizedAndOtherShapesRefused() {
        float[] flat = new float[2 * 32 * 32];
        java.util.Arrays.fill(flat, 0.5f);
        float[] resized = FeatureNet.toInput(flat, 2, 32);
        assertEquals(2 * 28 * 28, resized.length);
        assertEquals(0.5f, resized[28 * 28 + 100], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> FeatureNet.toInput(flat, 3, 32));
    }

    /** The first {@code n} digits below {@code classes} from index {@code from} on. */
    private static Dataset digitsBelow(int classes, int from, int n) {
        int[] picked = new int[n];
        float[] label = new float[1];
        int found = 0;
        for (int i = from; found < n; i++) {
            digits.copyTarget(i, label, 0);
            if (label[0] < classes) {
                picked[found++] = i;
            }
        }
        return digits.subset(picked);
    }

    private static float[] images(Dataset d) {
        float[] out = new float[d.size() * 28 * 28];
        for (int i = 0; i < d.size(); i++) {
            d.copyFeatures(i, out, i * 28 * 28);
        }
        return out;
    }
}
