package org.jdive.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Losses against values computed by hand from PyTorch's definitions, their gradients against finite differences. */
class LossesTest {

    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static Tensor t(float... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void meanSquaredErrorWithEachReduction() {
        Tensor x = t(1f, 2f, 4f);
        Tensor y = t(0f, 2f, 1f);
        assertEquals(10f / 3, Losses.mse(x, y).item(), 1e-6f);
        assertEquals(10f, Losses.mse(x, y, Reduction.SUM).item());
        assertArrayEquals(new float[] {1f, 0f, 9f}, Losses.mse(x, y, Reduction.NONE).toFloatArray());
    }

    @Test
    void huberAndSmoothL1AreQuadraticInsideAndLinearOutside() {
        Tensor x = t(0.5f, -3f, 2f);
        Tensor y = t(0f, 0f, 0f);
        // delta 1: 0.5·0.25, 1·(3 - 0.5), 1·(2 - 0.5)
        assertArrayEquals(new float[] {0.125f, 2.5f, 1.5f}, Losses.huber(x, y, 1f, Reduction.NONE).toFloatArray(), 1e-6f);
        // delta 2: 0.125, 2·(3 - 1), 0.5·4
        assertArrayEquals(new float[] {0.125f, 4f, 2f}, Losses.huber(x, y, 2f, Reduction.NONE).toFloatArray(), 1e-6f);
        // smooth L1, beta 2: 0.5·0.25/2, 3 - 1, 0.5·4/2
        assertArrayEquals(new float[] {0.0625f, 2f, 1f}, Losses.smoothL1(x, y, 2f, Reduction.NONE).toFloatArray(), 1e-6f);
        assertEquals((0.125f + 2.5f + 1.5f) / 3, Losses.huber(x, y).item(), 1e-6f);
    }

    @Test
    void crossEntropyFromClassIndicesMatchesTheLogSoftmaxWrittenOut() {
        float[][] logits = {{1f, 2f, 3f}, {0.5f, -1f, 0f}};
        int[] classes = {2, 0};
        float[] expected = new float[2];
        for (int r = 0; r < 2; r++) {
            double z = 0;
            for (float l : logits[r]) {
                z += Math.exp(l);
            }
            expected[r] = (float) (Math.log(z) - logits[r][classes[r]]);
        }
        Tensor l = Tensor.of(logits);
        Tensor c = t(2f, 0f);
        assertArrayEquals(expected, Losses.crossEntropy(l, c, Reduction.NONE).toFloatArray(), 1e-6f);
        assertEquals((expected[0] + expected[1]) / 2, Losses.crossEntropy(l, c).item(), 1e-6f);
    }

    @Test
    void crossEntropyIsStableForHugeLogitsAndHandlesSpatialShapes() {
        Tensor huge = Tensor.of(new float[][] {{1000f, 0f}, {-1000f, 1000f}});
        float[] losses = Losses.crossEntropy(huge, t(0f, 0f), Reduction.NONE).toFloatArray();
        assertEquals(0f, losses[0], 1e-6f);
        assertEquals(2000f, losses[1], 1e-3f);
        // [N=1, C=2, d=2]: the class axis is axis 1
        Tensor spatial = Tensor.of(new float[] {0f, 1f, 1f, 0f}, 1, 2, 2);
        float[] perPosition = Losses.crossEntropy(spatial, Tensor.of(new float[] {1f, 1f}, 1, 2), Reduction.NONE).toFloatArray();
        float big = (float) Math.log(1 + Math.exp(1));
        float small = (float) Math.log(1 + Math.exp(-1));
        assertArrayEquals(new float[] {small, big}, perPosition, 1e-6f);
    }

    @Test
    void softTargetsWithAOneHotEqualClassIndices() {
        Tensor l = Tensor.of(new float[][] {{1f, 2f, 3f}, {0.5f, -1f, 0f}});
        Tensor oneHot = Tensor.of(new float[][] {{0f, 0f, 1f}, {1f, 0f, 0f}});
        assertArrayEquals(Losses.crossEntropy(l, t(2f, 0f), Reduction.NONE).toFloatArray(),
                Losses.crossEntropySoft(l, oneHot, Reduction.NONE).toFloatArray(), 1e-6f);
    }

    @Test
    void bceWithLogitsIsStableAtBothEnds() {
        Tensor x = t(0f, 100f, -100f, 2f);
        Tensor y = t(1f, 0f, 1f, 1f);
        float[] got = Losses.bceWithLogits(x, y, Reduction.NONE).toFloatArray();
        assertArrayEquals(new float[] {(float) Math.log(2), 100f, 100f, (float) Math.log(1 + Math.exp(-2))}, got, 1e-5f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        var rng = Rng.seeded(11);
        Tensor target = GradCheck.uniform(rng, 0f, 1f, 3, 4);
        GradCheck.check("mse", in -> Losses.mse(in[0], target), GradCheck.uniform(rng, -1f, 1f, 3, 4));
        GradCheck.check("huber", in -> Losses.huber(in[0], target, 0.5f, Reduction.SUM), GradCheck.away(rng, 0.7f, 2f, 3, 4));
        GradCheck.check("bce", in -> Losses.bceWithLogits(in[0], target), GradCheck.uniform(rng, -3f, 3f, 3, 4));
        Tensor classes = t(1f, 3f, 0f);
        GradCheck.check("cross-entropy", in -> Losses.crossEntropy(in[0], classes), GradCheck.uniform(rng, -2f, 2f, 3, 4));
        Tensor probs = Tensor.full(0.25f, 3, 4);
        GradCheck.check("soft cross-entropy", in -> Losses.crossEntropySoft(in[0], probs, Reduction.SUM),
                GradCheck.uniform(rng, -2f, 2f, 3, 4));
    }

    @Test
    void mismatchedShapesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.mse(t(1f, 2f), t(1f)));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("crossEntropySoft"), e.getMessage());
    }
}
