package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.nn.init.Fans;
import org.jdive.core.nn.init.Init;
import org.junit.jupiter.api.Test;

/** Initializers draw from the distributions their papers (and PyTorch) give, with the right fans. */
class InitTest {

    private static double[] moments(Tensor t) {
        float[] v = t.toFloatArray();
        double mean = 0;
        double max = 0;
        for (float x : v) {
            mean += x;
            max = Math.max(max, Math.abs(x));
        }
        mean /= v.length;
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(var / v.length), max};
    }

    @Test
    void fansFollowPyTorch() {
        assertEquals(new Fans(784, 256), Fans.of(new int[] {256, 784}));
        assertEquals(new Fans(3 * 25, 6 * 25), Fans.of(new int[] {6, 3, 5, 5}));
        assertThrows(IllegalArgumentException.class, () -> Fans.of(new int[] {10}));
    }

    @Test
    void distributionsHaveTheirStandardDeviationsAndBounds() {
        var rng = Rng.seeded(13);
        try (Tensor w = Tensor.zeros(200, 300).keep()) {
            Init.xavierUniform().fill(w, rng);
            double[] m = moments(w);
            double bound = Math.sqrt(6.0 / 500);
            assertTrue(m[2] <= bound, "xavier uniform within its bound");
            assertEquals(bound / Math.sqrt(3), m[1], 0.01 * bound);
            Init.xavierNormal().fill(w, rng);
            assertEquals(Math.sqrt(2.0 / 500), moments(w)[1], 0.01 * Math.sqrt(2.0 / 500));
            Init.kaimingNormal().fill(w, rng);
            assertEquals(Math.sqrt(2.0 / 300), moments(w)[1], 0.01 * Math.sqrt(2.0 / 300));
            Init.pytorchDefault().fill(w, rng);
            m = moments(w);
            assertTrue(m[2] <= 1 / Math.sqrt(300), "PyTorch's default: U(±1/√fanIn)");
            assertEquals(1 / Math.sqrt(300) / Math.sqrt(3), m[1], 0.01 / Math.sqrt(300));
            Init.normal(1f, 0.01f).fill(w, rng);
            m = moments(w);
            assertEquals(1.0, m[0], 1e-3);
            assertEquals(0.01, m[1], 1e-3);
            Init.constant(0.25f).fill(w, rng);
            assertEquals(0.25, moments(w)[0], 1e-7);
        }
    }

    @Test
    void layersDrawTheirDefaultsFromTheSeed() {
        try (Linear a = new Linear(50, 20, Rng.seeded(1)); Linear b = new Linear(50, 20, Rng.seeded(1))) {
            assertEquals(java.util.Arrays.toString(a.weight().toFloatArray()), java.util.Arrays.toString(b.weight().toFloatArray()));
            assertTrue(moments(a.bias())[2] <= 1 / Math.sqrt(50));
        }
    }

    /** Flax's lecun_normal: variance 1/fanIn after truncating at ±2 deviations, nothing beyond the truncation. */
    @Test
    void lecunNormalHasVarianceOneOverFanInAndNoTails() {
        try (Tensor w = Tensor.zeros(400, 250).keep()) {
            Init.lecunNormal().fill(w, Rng.seeded(5));
            float[] v = w.toFloatArray();
            double sum = 0;
            double squares = 0;
            double bound = 2 * Math.sqrt(1.0 / 250) / 0.87962566103423978;
            for (float x : v) {
                sum += x;
                squares += x * x;
                assertTrue(Math.abs(x) <= bound + 1e-6, "a draw beyond the truncation: " + x);
            }
            assertEquals(0, sum / v.length, 0.001);
            assertEquals(1.0 / 250, squares / v.length, 0.03 / 250);
        }
    }

    @Test
    void orthogonalInitGivesOrthonormalRowsOrColumnsTimesTheGain() {
        for (int[] shape : new int[][] {{64, 4}, {4, 64}, {8, 8}, {6, 2, 3, 3}}) {
            Tensor t = Tensor.zeros(shape);
            org.jdive.core.nn.init.Init.orthogonal(1.5f).fill(t, org.jdive.core.Rng.seeded(3));
            float[] v = t.toFloatArray();
            int rows = shape[0];
            int cols = v.length / rows;
            boolean wide = rows < cols;
            int m = Math.min(rows, cols);
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double dot = 0;
                    for (int k = 0; k < Math.max(rows, cols); k++) {
                        dot += wide ? v[a * cols + k] * (double) v[b * cols + k] : v[k * cols + a] * (double) v[k * cols + b];
                    }
                    assertEquals(a == b ? 1.5 * 1.5 : 0, dot, 1e-4, java.util.Arrays.toString(shape) + " " + a + "," + b);
                }
            }
        }
    }
}
