package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Normalisation, dropout, embedding and activations against their definitions. */
class LayersTest {

    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void batchNormNormalisesPerFeatureAndTracksRunningStatistics() {
        try (BatchNorm1d bn = new BatchNorm1d(2)) {
            Tensor x = Tensor.of(new float[][] {{1f, 10f}, {3f, 10f}, {5f, 40f}, {7f, 20f}});
            float[] y = bn.forward(x).toFloatArray();
            // feature 0: mean 4, biased variance 5
            float sd = (float) Math.sqrt(5 + 1e-5);
            assertEquals(-3f / sd, y[0], 1e-5f);
            assertEquals(3f / sd, y[6], 1e-5f);
            // running: 0.9·0 + 0.1·mean; 0.9·1 + 0.1·unbiased variance (20/3 for feature 0, 450/3·... for feature 1)
            assertArrayEquals(new float[] {0.4f, 2f}, bn.namedBuffers().get("running_mean").toFloatArray(), 1e-6f);
            float var1 = (100 + 100 + 400 + 0) / 3f;   // deviations from 20: -10, -10, 20, 0
            assertArrayEquals(new float[] {0.9f + 0.1f * 20f / 3, 0.9f + 0.1f * var1},
                    bn.namedBuffers().get("running_var").toFloatArray(), 1e-5f);
            assertEquals(1f, bn.namedBuffers().get("num_batches_tracked").item());
            bn.eval();
            float[] evalOut = bn.forward(Tensor.of(new float[][] {{0.4f, 2f}})).toFloatArray();
            assertArrayEquals(new float[] {0f, 0f}, evalOut, 1e-6f);
        }
    }

    @Test
    void batchNorm2dAndLayerNormGradientsMatchFiniteDifferences() {
        var rng = Rng.seeded(6);
        try (BatchNorm2d bn = new BatchNorm2d(3); LayerNorm ln = new LayerNorm(2, 3)) {
            GradCheck.check("batch norm 2d", in -> bn.forward(in[0]), GradCheck.uniform(rng, -1f, 1f, 2, 3, 2, 2));
            GradCheck.check("layer norm", in -> ln.forward(in[0]), GradCheck.uniform(rng, -1f, 1f, 4, 2, 3));
        }
    }

    @Test
    void convolutionLayersAddTheirBiasPerChannelAndPassGradientsToTheirParameters() {
        var rng = Rng.seeded(7);
        try (Conv2d conv = new Conv2d(2, 3, 3, 2, 1, true, rng);
             ConvTranspose2d up = new ConvTranspose2d(2, 3, 3, 2, 1, 1, true, rng)) {
            Tensor x = Tensor.randn(rng, 2, 2, 5, 5);
            Tensor y = conv.forward(x);
            Tensor expected = x.conv2d(conv.weight(), 2, 1).add(conv.bias().reshape(1, 3, 1, 1));
            assertArrayEquals(expected.toFloatArray(), y.toFloatArray());
            y.sum().backward();
            // d(sum)/d(bias_o) counts the output positions of channel o: N·H·W = 2·3·3
            assertArrayEquals(new float[] {18f, 18f, 18f}, conv.bias().grad().toFloatArray());
            assertArrayEquals(new int[] {3, 2, 3, 3}, conv.weight().grad().shape());
            Tensor z = up.forward(x);
            assertArrayEquals(new int[] {2, 3, 10, 10}, z.shape());
            z.sum().backward();
            assertArrayEquals(new float[] {200f, 200f, 200f}, up.bias().grad().toFloatArray());
        }
    }

    @Test
    void unflattenSplitsOneAxisAndUndoesFlatten() {
        Tensor rows = Tensor.of(new float[24], 2, 12);
        Unflatten unflatten = new Unflatten(1, 3, 2, 2);
        assertArrayEquals(new int[] {2, 3, 2, 2}, unflatten.forward(rows).shape());
        assertArrayEquals(new int[] {2, 12}, new Flatten().forward(unflatten.forward(rows)).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 5, 2).forward(rows));
        assertTrue(e.getMessage().contains("[2, 12]") && e.getMessage().contains("[5, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Unflatten(2, 3, 4).forward(rows));
    }

    @Test
    void layerNormNormalisesEachSample() {
        try (LayerNorm ln = new LayerNorm(4)) {
            float[] y = ln.forward(Tensor.of(new float[][] {{1f, 2f, 3f, 4f}, {-2f, -2f, 2f, 2f}})).toFloatArray();
            float sd = (float) Math.sqrt(1.25 + 1e-5);
            assertArrayEquals(new float[] {-1.5f / sd, -0.5f / sd, 0.5f / sd, 1.5f / sd}, java.util.Arrays.copyOf(y, 4), 1e-5f);
            float sd2 = (float) Math.sqrt(4 + 1e-5);
            assertEquals(-2f / sd2, y[4], 1e-5f);
        }
    }

    @Test
    void dropoutZeroesAboutPScalesTheRestAndIsTheIdentityInEval() {
        Tensor x = Tensor.ones(10_000);
        try (Dropout a = new Dropout(0.3f, Rng.seeded(9)); Dropout b = new Dropout(0.3f, Rng.seeded(9))) {
            float[] y = a.forward(x).toFloatArray();
            int zeros = 0;
            for (float v : y) {
                if (v == 0f) {
                    zeros++;
                } else {
                    assertEquals(1f / 0.7f, v, 1e-6f);
                }
            }
            assertEquals(3000, zeros, 150);   // 3.3 standard deviations of Binomial(10000, 0.3)
            assertArrayEquals(y, b.forward(x).toFloatArray(), "same seed, same mask");
            assertNotEquals(java.util.Arrays.hashCode(y), java.util.Arrays.hashCode(a.forward(x).toFloatArray()));
            a.eval();
            assertArrayEquals(x.toFloatArray(), a.forward(x).toFloatArray());
        }
    }

    @Test
    void embeddingLooksUpRowsAndSendsGradientsToThem() {
        try (Embedding emb = new Embedding(5, 3, Rng.seeded(10))) {
            float[] table = emb.weight().toFloatArray();
            Tensor out = emb.forward(Tensor.of(new float[] {4f, 1f, 4f, 0f}, 2, 2));
            assertArrayEquals(new int[] {2, 2, 3}, out.shape());
            float[] o = out.toFloatArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(table, 12, 15), java.util.Arrays.copyOfRange(o, 0, 3));
            out.sum().backward();
            assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2}, emb.weight().grad().toFloatArray());
        }
    }

    @Test
    void activationsMatchTheirDefinitions() {
        Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0f, 1f, 3f}, 5);
        // erf and GELU reference values (exact GELU: x·Φ(x)).
        assertArrayEquals(new float[] {-0.9953223f, -0.5204999f, 0f, 0.8427008f, 0.9999779f},
                Functional.erf(x).toFloatArray(), 3e-7f);
        assertArrayEquals(new float[] {-0.0455003f, -0.1542687f, 0f, 0.8413447f, 2.9959502f},
                new Gelu().forward(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.0454023f, -0.1542859f, 0f, 0.8411920f, 2.9963627f},
                Gelu.tanhApproximation().forward(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.4f, -0.1f, 0f, 1f, 3f}, new LeakyRelu(0.2f).forward(x).toFloatArray(), 1e-7f);
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 3f}, new Relu().forward(x).toFloatArray());
        assertEquals(1f, new Softmax(0).forward(x).sum().item(), 1e-6f);
        assertEquals((float) Math.tanh(1), new Tanh().forward(x).toFloatArray()[3], 1e-7f);
        assertEquals((float) (1 / (1 + Math.exp(-1))), new Sigmoid().forward(x).toFloatArray()[3], 1e-7f);
        GradCheck.check("gelu", in -> new Gelu().forward(in[0]), GradCheck.uniform(Rng.seeded(12), -3f, 3f, 7));
    }

    @Test
    void batchNormRefusesASingleValuePerFeatureInTraining() {
        try (BatchNorm1d bn = new BatchNorm1d(3)) {
            assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
        }
    }

    @Test
    void maxoutTakesTheLargestOfEachUnitsLinearPiecesAndPassesGradientsToIt() {
        try (Maxout maxout = new Maxout(3, 4, Rng.seeded(13))) {
            Tensor x = GradCheck.uniform(Rng.seeded(14), -1f, 1f, 5, 2);
            float[] y = maxout.forward(x).toFloatArray();
            float[] z = maxout.children().get("linear").forward(x).toFloatArray();   // [5, 12]: unit i's pieces 4i..4i+3
            assertEquals(15, y.length);
            for (int row = 0; row < 5; row++) {
                for (int unit = 0; unit < 3; unit++) {
                    float best = Float.NEGATIVE_INFINITY;
                    for (int piece = 0; piece < 4; piece++) {
                        best = Math.max(best, z[row * 12 + unit * 4 + piece]);
                    }
                    assertEquals(best, y[row * 3 + unit], "row " + row + ", unit " + unit);
                }
            }
            GradCheck.check("maxout", in -> maxout.forward(in[0]), x);
        }
        assertThrows(IllegalArgumentException.class, () -> new Maxout(3, 0, Rng.seeded(0)));
    }
}
