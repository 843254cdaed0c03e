package org.jdive.djl;

import static org.jdive.djl.BackendPair.DJL;
import static org.jdive.djl.BackendPair.assertParity;
import static org.jdive.djl.BackendPair.product;
import static org.jdive.djl.BackendPair.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;
import org.jdive.core.backend.ReduceOp;
import org.jdive.core.backend.UnaryOp;
import org.junit.jupiter.api.Test;

/** Every primitive of the SPI on the DJL backend against the CPU backend, on random shapes and values. */
class DjlPrimitiveParityTest {

    private static final double TOL = 1e-5;
    /** Long sums (matmul, convolution, reductions) are added in another order by PyTorch. */
    private static final double SUM_TOL = 1e-4;

    private final UniformRandomProvider rng = Rng.seeded(5);

    private int between(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    @Test
    void unaryOpsOnTheirDomains() {
        EnumSet<UnaryOp> positiveOnly = EnumSet.of(UnaryOp.LOG, UnaryOp.SQRT, UnaryOp.POW, UnaryOp.RECIPROCAL,
                UnaryOp.RDIV_SCALAR);
        for (UnaryOp op : UnaryOp.values()) {
            int n = between(1, 300);
            float[] x = positiveOnly.contains(op) ? uniform(rng, n, 0.1f, 4f) : uniform(rng, n, -4f, 4f);
            x[0] = positiveOnly.contains(op) ? 1f : 0f; // sign, step and relu at their kinks
            float p = op == UnaryOp.POW ? 2.5f : 0.3f;
            assertParity(op + " into another buffer", TOL, (be, b) -> be.unary(op, p, b[0], b[1], n), x, new float[n]);
            assertParity(op + " in place", TOL, (be, b) -> be.unary(op, p, b[0], b[0], n), x);
        }
    }

    @Test
    void unaryOnAPrefixLeavesTheRest() {
        float[] x = uniform(rng, 10, -1, 1);
        float[] out = uniform(rng, 10, -1, 1);
        assertParity("relu of 6 of 10", TOL, (be, b) -> be.unary(UnaryOp.RELU, 0, b[0], b[1], 6), x, out);
    }

    @Test
    void binaryOpsWithBroadcasting() {
        int[][][] cases = {
            {{3, 4}, {3, 4}, {3, 4}}, {{3, 4}, {4}, {3, 4}}, {{2, 1, 3}, {4, 1}, {2, 4, 3}}, {{5}, {2, 5}, {2, 5}},
            {{}, {2, 3}, {2, 3}}, {{1, 3}, {3}, {2, 3}}, {{4, 1, 2}, {1, 5, 1}, {4, 5, 2}}, {{}, {}, {}}};
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] c : cases) {
                float[] a = op == BinaryOp.POW ? uniform(rng, product(c[0]), 0.2f, 3f) : rounded(product(c[0]));
                float[] b = op == BinaryOp.POW ? uniform(rng, product(c[1]), -2f, 2f) : rounded(product(c[1]));
                assertParity(op + " " + java.util.Arrays.deepToString(c), TOL,
                        (be, buf) -> be.binary(op, buf[0], c[0], buf[1], c[1], buf[2], c[2]),
                        a, b, new float[product(c[2])]);
            }
        }
    }

    @Test
    void binaryInPlaceOnEitherOperand() {
        int[] s = {4, 3};
        int[] row = {3};
        assertParity("a -= b in place", TOL, (be, b) -> be.binary(BinaryOp.SUB, b[0], s, b[1], row, b[0], s),
                rounded(12), rounded(3));
        assertParity("b = a / b in place", TOL, (be, b) -> be.binary(BinaryOp.DIV, b[0], row, b[1], s, b[1], s),
                rounded(3), uniform(rng, 12, 0.5f, 2f));
    }

    /** Values on a coarse grid, so that comparisons meet equal operands. */
    private float[] rounded(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rng.nextInt(9) - 4) * 0.5f;
        }
        return v;
    }

    @Test
    void whereAndClamp() {
        int[] cs = {3, 1};
        int[] as = {4};
        int[] bs = {3, 4};
        assertParity("where", TOL, (be, b) -> be.where(b[0], cs, b[1], as, b[2], bs, b[3], bs),
                new float[] {1, 0, 2}, rounded(4), rounded(12), new float[12]);
        assertParity("where, output larger than every input", TOL,
                (be, b) -> be.where(b[0], new int[] {2, 1}, b[1], new int[] {1, 3}, b[2], new int[] {}, b[3], new int[] {2, 3}),
                new float[] {0, 1}, rounded(3), rounded(1), new float[6]);
        assertParity("clamp", TOL, (be, b) -> be.clamp(b[0], b[1], 50, -0.5f, 0.7f), uniform(rng, 50, -2, 2), new float[50]);
    }

    @Test
    void reductionsAlongTheMiddleAxis() {
        for (ReduceOp op : ReduceOp.values()) {
            for (int trial = 0; trial < 4; trial++) {
                int outer = between(1, 5);
                int axis = between(1, 40);
                int inner = between(1, 6);
                assertParity(op + " [" + outer + ", " + axis + ", " + inner + "]", SUM_TOL,
                        (be, b) -> be.reduce(op, b[0], b[1], outer, axis, inner),
                        uniform(rng, outer * axis * inner, -3, 3), new float[outer * inner]);
            }
        }
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (boolean log : new boolean[] {false, true}) {
            for (int trial = 0; trial < 4; trial++) {
                int outer = between(1, 5);
                int axis = between(1, 20);
                int inner = between(1, 4);
                assertParity((log ? "log_softmax" : "softmax") + " [" + outer + ", " + axis + ", " + inner + "]", TOL,
                        (be, b) -> be.softmax(b[0], b[1], outer, axis, inner, log),
                        uniform(rng, outer * axis * inner, -20, 20), new float[outer * axis * inner]);
            }
        }
    }

    @Test
    void matmulWithTransposesBatchesAndBeta() {
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int trial = 0; trial < 3; trial++) {
                    int batch = between(1, 3);
                    int m = between(1, 33);
                    int n = between(1, 33);
                    int k = between(1, 40);
                    int aStride = trial == 1 ? 0 : m * k;
                    int bStride = trial == 2 ? 0 : k * n;
                    float beta = trial == 0 ? 0f : 0.5f;
                    String what = "matmul batch " + batch + " " + m + "x" + n + "x" + k + " transA " + transA
                            + " transB " + transB + " strides " + aStride + "/" + bStride + " beta " + beta;
                    assertParity(what, SUM_TOL,
                            (be, b) -> be.matmul(batch, m, n, k, b[0], aStride, transA, b[1], bStride, transB, b[2], beta),
                            uniform(rng, Math.max(1, aStride * batch) + m * k, -1, 1),
                            uniform(rng, Math.max(1, bStride * batch) + k * n, -1, 1),
                            uniform(rng, batch * m * n, -1, 1));
                }
            }
        }
    }

    @Test
    void matmulWithAPaddedBatchStride() {
        int m = 3;
        int n = 4;
        int k = 5;
        assertParity("A matrices 20 floats apart", SUM_TOL,
                (be, b) -> be.matmul(2, m, n, k, b[0], 20, false, b[1], k * n, false, b[2], 0f),
                uniform(rng, 40, -1, 1), uniform(rng, 2 * k * n, -1, 1), new float[2 * m * n]);
    }

    @Test
    void convolutionForwardAndBothBackwards() {
        for (int trial = 0; trial < 8; trial++) {
            int kh = between(1, 4);
            int kw = between(1, 4);
            int sh = between(1, 3);
            int sw = between(1, 3);
            int ph = between(0, kh - 1);
            int pw = between(0, kw - 1);
            ConvSpec s = new ConvSpec(between(1, 3), between(1, 4), between(kh, 9), between(kw, 9), between(1, 5),
                    kh, kw, sh, sw, ph, pw);
            float[] x = uniform(rng, s.inputSize(), -1, 1);
            float[] w = uniform(rng, s.weightSize(), -1, 1);
            float[] dy = uniform(rng, s.outputSize(), -1, 1);
            assertParity("conv2d forward " + s, SUM_TOL, (be, b) -> be.conv2dForward(s, b[0], b[1], null, b[2]),
                    x, w, new float[s.outputSize()]);
            assertParity("conv2d forward with bias " + s, SUM_TOL,
                    (be, b) -> be.conv2dForward(s, b[0], b[1], b[2], b[3]),
                    x, w, uniform(rng, s.outChannels(), -1, 1), new float[s.outputSize()]);
            assertParity("conv2d backward data " + s, SUM_TOL, (be, b) -> be.conv2dBackwardData(s, b[0], b[1], b[2]),
                    dy, w, new float[s.inputSize()]);
            assertParity("conv2d backward weights " + s, SUM_TOL,
                    (be, b) -> be.conv2dBackwardWeights(s, b[0], b[1], b[2]), x, dy, new float[s.weightSize()]);
        }
    }

    @Test
    void poolingForwardAndBackward() {
        for (int trial = 0; trial < 6; trial++) {
            int k = between(1, 3);
            PoolSpec s = new PoolSpec(between(1, 2), between(1, 3), between(k, 8), between(k, 8), k, k,
                    between(1, 2), between(1, 2), between(0, k / 2), between(0, k / 2));
            float[] x = uniform(rng, s.inputSize(), -1, 1);
            float[] dy = uniform(rng, s.outputSize(), -1, 1);
            assertParity("max pool " + s, TOL, (be, b) -> be.maxPool2dForward(s, b[0], b[1]), x, new float[s.outputSize()]);
            assertParity("max pool backward " + s, TOL, (be, b) -> be.maxPool2dBackward(s, b[0], b[1], b[2]),
                    x, dy, new float[s.inputSize()]);
            assertParity("avg pool " + s, TOL, (be, b) -> be.avgPool2dForward(s, b[0], b[1]), x, new float[s.outputSize()]);
            assertParity("avg pool backward " + s, TOL, (be, b) -> be.avgPool2dBackward(s, b[0], b[1]),
                    dy, new float[s.inputSize()]);
        }
    }

    @Test
    void gatherAndScatterAdd() {
        for (int trial = 0; trial < 5; trial++) {
            int outer = between(1, 4);
            int axisIn = between(1, 6);
            int picks = between(1, 7);
            int inner = between(1, 3);
            float[] index = new float[outer * picks];
            for (int i = 0; i < index.length; i++) {
                index[i] = rng.nextInt(axisIn); // repeats included: scatter-add must sum them
            }
            String shape = "[" + outer + ", " + axisIn + " -> " + picks + ", " + inner + "]";
            assertParity("gather " + shape, TOL, (be, b) -> be.gather(b[0], b[1], b[2], outer, axisIn, picks, inner),
                    uniform(rng, outer * axisIn * inner, -1, 1), index, new float[outer * picks * inner]);
            assertParity("scatterAdd " + shape, TOL,
                    (be, b) -> be.scatterAdd(b[0], b[1], b[2], outer, picks, axisIn, inner),
                    uniform(rng, outer * picks * inner, -1, 1), index, uniform(rng, outer * axisIn * inner, -1, 1));
        }
    }

    @Test
    void indicesOutOfRangeAreRejected() {
        Buffer x = DJL.upload(new float[] {1, 2, 3}, 0, 3);
        Buffer index = DJL.upload(new float[] {3}, 0, 1);
        Buffer out = DJL.allocate(1);
        try {
            assertThrows(IndexOutOfBoundsException.class, () -> DJL.gather(x, index, out, 1, 3, 1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> DJL.scatterAdd(out, index, x, 1, 1, 3, 1));
        } finally {
            x.release();
            index.release();
            out.release();
        }
    }

    @Test
    void copiesWithOffsetsAndStrides() {
        assertParity("copy a range", TOL, (be, b) -> be.copy(b[0], 3, b[1], 2, 5), uniform(rng, 10, -1, 1), uniform(rng, 9, -1, 1));
        assertParity("copy everything", TOL, (be, b) -> be.copy(b[0], 0, b[1], 0, 6), uniform(rng, 6, -1, 1), new float[6]);
        assertParity("permute [2,3,4] -> [4,2,3]", TOL,
                (be, b) -> be.copyStrided(b[0], 0, new int[] {1, 12, 4}, b[1], 0, new int[] {6, 3, 1}, new int[] {4, 2, 3}),
                uniform(rng, 24, -1, 1), new float[24]);
        assertParity("broadcast a row", TOL,
                (be, b) -> be.copyStrided(b[0], 1, new int[] {0, 1}, b[1], 0, new int[] {3, 1}, new int[] {4, 3}),
                uniform(rng, 4, -1, 1), new float[12]);
        assertParity("slice into the middle of a larger buffer (concat)", TOL,
                (be, b) -> be.copyStrided(b[0], 0, new int[] {2, 1}, b[1], 3, new int[] {5, 1}, new int[] {3, 2}),
                uniform(rng, 6, -1, 1), uniform(rng, 15, -1, 1));
        assertParity("a scalar", TOL, (be, b) -> be.copyStrided(b[0], 2, new int[] {}, b[1], 1, new int[] {}, new int[] {}),
                uniform(rng, 3, -1, 1), uniform(rng, 3, -1, 1));
    }

    @Test
    void sgdInAllItsForms() {
        int n = 40;
        for (float momentum : new float[] {0f, 0.9f}) {
            for (boolean nesterov : new boolean[] {false, true}) {
                for (boolean first : new boolean[] {false, true}) {
                    if (momentum == 0f && (nesterov || first)) {
                        continue;
                    }
                    String what = "sgd momentum " + momentum + " nesterov " + nesterov + " first " + first;
                    assertParity(what, TOL, (be, b) -> be.sgdUpdate(b[0], b[1], momentum == 0f ? null : b[2], n, 0.1f,
                                    momentum, 0.1f, 0.01f, nesterov, first),
                            uniform(rng, n, -1, 1), uniform(rng, n, -1, 1), uniform(rng, n, -1, 1));
                }
            }
        }
    }

    @Test
    void adamAndAdamW() {
        int n = 40;
        for (boolean decoupled : new boolean[] {false, true}) {
            for (int step : new int[] {1, 7}) {
                assertParity("adam decoupled " + decoupled + " step " + step, TOL,
                        (be, b) -> be.adamUpdate(b[0], b[1], b[2], b[3], n, 1e-2f, 0.9f, 0.999f, 1e-8f, 0.05f, decoupled, step),
                        uniform(rng, n, -1, 1), uniform(rng, n, -1, 1), uniform(rng, n, -0.1f, 0.1f), uniform(rng, n, 0, 0.1f));
            }
        }
    }

    @Test
    void rmspropAdagradAdadelta() {
        int n = 40;
        for (boolean centred : new boolean[] {false, true}) {
            for (float momentum : new float[] {0f, 0.9f}) {
                assertParity("rmsprop centred " + centred + " momentum " + momentum, TOL,
                        (be, b) -> be.rmspropUpdate(b[0], b[1], b[2], centred ? b[3] : null, momentum == 0f ? null : b[4], n,
                                1e-2f, 0.99f, 1e-8f, 0.01f, momentum),
                        uniform(rng, n, -1, 1), uniform(rng, n, -1, 1), uniform(rng, n, 0.5f, 1), uniform(rng, n, -0.1f, 0.1f),
                        uniform(rng, n, -1, 1));
            }
        }
        assertParity("adagrad", TOL, (be, b) -> be.adagradUpdate(b[0], b[1], b[2], n, 0.1f, 0.01f, 0.01f, 1e-10f, 3),
                uniform(rng, n, -1, 1), uniform(rng, n, -1, 1), uniform(rng, n, 0, 1));
        assertParity("adadelta", TOL, (be, b) -> be.adadeltaUpdate(b[0], b[1], b[2], b[3], n, 1f, 0.9f, 1e-6f, 0.01f),
                uniform(rng, n, -1, 1), uniform(rng, n, -1, 1), uniform(rng, n, 0, 1), uniform(rng, n, 0, 1));
    }
}
