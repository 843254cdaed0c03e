package org.jdive.core.nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** D2L 11.3 and 11.5: the masked softmax, the two scoring functions and multi-head attention against plain loops. */
class AttentionTest {

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
    void maskedSoftmaxZeroesTheKeysPastEachValidLengthAsInTheBook() {
        UniformRandomProvider rng = Rng.seeded(1);
        // masked_softmax(torch.rand(2, 2, 4), torch.tensor([2, 3]))
        float[] perExample = MaskedSoftmax.apply(Tensor.rand(rng, 2, 2, 4), Tensor.of(new float[] {2, 3}, 2))
                .toFloatArray();
        assertKeysSeen(perExample, 4, new int[] {2, 2, 3, 3});
        // masked_softmax(torch.rand(2, 2, 4), d2l.tensor([[1, 3], [2, 4]]))
        float[] perQuery = MaskedSoftmax.apply(Tensor.rand(rng, 2, 2, 4), Tensor.of(new float[][] {{1, 3}, {2, 4}}))
                .toFloatArray();
        assertKeysSeen(perQuery, 4, new int[] {1, 3, 2, 4});
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f}, java.util.Arrays.copyOf(perQuery, 4));
    }

    private static void assertKeysSeen(float[] weights, int keys, int[] lens) {
        for (int row = 0; row < lens.length; row++) {
            float sum = 0;
            for (int j = 0; j < keys; j++) {
                float w = weights[row * keys + j];
                if (j < lens[row]) {
                    assertTrue(w > 0f, "row " + row + " key " + j);
                } else {
                    assertEquals(0f, w, "row " + row + " key " + j + " is past the valid length " + lens[row]);
                }
                sum += w;
            }
            assertEquals(1f, sum, 1e-6f);
        }
    }

    @Test
    void maskedSoftmaxMatchesItsDefinitionAndGivesUniformWeightsToAnEmptyRow() {
        UniformRandomProvider rng = Rng.seeded(2);
        Tensor scores = Tensor.randn(rng, 2, 3, 5);
        float[][] lens = {{0, 2, 5}, {1, 4, 3}};
        float[] expected = maskedSoftmax(scores.toFloatArray(), 2, 3, 5, (b, q) -> (int) lens[b][q]);
        assertArrayEquals(expected, MaskedSoftmax.apply(scores, Tensor.of(lens)).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0.2f},
                java.util.Arrays.copyOf(MaskedSoftmax.apply(scores, Tensor.of(lens)).toFloatArray(), 5), 1e-6f);
        GradCheck.check("masked softmax", in -> MaskedSoftmax.apply(in[0], Tensor.of(lens)),
                GradCheck.uniform(rng, -1f, 1f, 2, 3, 5));
    }

    @Test
    void maskedSoftmaxNamesTheShapeItNeeds() {
        Tensor scores = Tensor.zeros(2, 3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> MaskedSoftmax.apply(scores, Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MaskedSoftmax.apply(Tensor.zeros(3, 4), null));
        assertTrue(e.getMessage().contains("[batch, queries, keys]"), e.getMessage());
    }

    @Test
    void dotProductAttentionMatchesPlainLoopsAndHasTheBooksShape() {
        UniformRandomProvider rng = Rng.seeded(3);
        // the book's toy example: queries (2, 1, 2), keys (2, 10, 2), values (2, 10, 4), valid lengths [2, 6]
        Tensor queries = Tensor.randn(rng, 2, 1, 2);
        Tensor keys = Tensor.randn(rng, 2, 10, 2);
        Tensor values = Tensor.randn(rng, 2, 10, 4);
        Tensor validLens = Tensor.of(new float[] {2, 6}, 2);
        try (DotProductAttention attention = new DotProductAttention(0.5f, rng)) {
            attention.eval();
            Tensor out = attention.forward(queries, keys, values, validLens);
            assertArrayEquals(new int[] {2, 1, 4}, out.shape());
            float[] scores = scaledDots(queries.toFloatArray(), keys.toFloatArray(), 2, 1, 10, 2);
            float[] weights = maskedSoftmax(scores, 2, 1, 10, (b, q) -> b == 0 ? 2 : 6);
            assertArrayEquals(weights, attention.attentionWeights().toFloatArray(), 1e-6f);
            assertArrayEquals(weighted(weights, values.toFloatArray(), 2, 1, 10, 4), out.toFloatArray(), 1e-5f);
            GradCheck.check("dot-product attention", in -> attention.forward(in[0], in[1], in[2], validLens),
                    GradCheck.uniform(rng, -1f, 1f, 2, 3, 2), GradCheck.uniform(rng, -1f, 1f, 2, 10, 2),
                    GradCheck.uniform(rng, -1f, 1f, 2, 10, 4));
        }
    }

    @Test
    void additiveAttentionMatchesPlainLoopsAndHasTheBooksShape() {
        UniformRandomProvider rng = Rng.seeded(4);
        // queries (2, 1, 20), keys (2, 10, 2), values (2, 10, 4), AdditiveAttention(num_hiddens=8, dropout=0.1)
        Tensor queries = Tensor.randn(rng, 2, 1, 20);
        Tensor keys = Tensor.randn(rng, 2, 10, 2);
        Tensor values = Tensor.randn(rng, 2, 10, 4);
        Tensor validLens = Tensor.of(new float[] {2, 6}, 2);
        try (AdditiveAttention attention = new AdditiveAttention(8, 0.1f, rng)) {
            attention.eval();
            Tensor out = attention.forward(queries, keys, values, validLens);
            assertArrayEquals(new int[] {2, 1, 4}, out.shape());
            var p = attention.namedParameters();
            assertEquals(java.util.List.of("W_k.weight", "W_q.weight", "w_v.weight"), java.util.List.copyOf(p.keySet()));
            float[] wq = p.get("W_q.weight").toFloatArray();
            float[] wk = p.get("W_k.weight").toFloatArray();
            float[] wv = p.get("w_v.weight").toFloatArray();
            float[] q = queries.toFloatArray();
            float[] k = keys.toFloatArray();
            float[] scores = new float[2 * 10];
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 10; j++) {
                    double s = 0;
                    for (int h = 0; h < 8; h++) {
                        double f = 0;
                        for (int i = 0; i < 20; i++) {
                            f += wq[h * 20 + i] * q[b * 20 + i];
                        }
                        for (int i = 0; i < 2; i++) {
                            f += wk[h * 2 + i] * k[(b * 10 + j) * 2 + i];
                        }
                        s += wv[h] * Math.tanh(f);
                    }
                    scores[b * 10 + j] = (float) s;
                }
            }
            float[] weights = maskedSoftmax(scores, 2, 1, 10, (b, qq) -> b == 0 ? 2 : 6);
            assertArrayEquals(weights, attention.attentionWeights().toFloatArray(), 1e-5f);
            assertArrayEquals(weighted(weights, values.toFloatArray(), 2, 1, 10, 4), out.toFloatArray(), 1e-5f);
            GradCheck.check("additive attention", in -> attention.forward(in[0], in[1], in[2], validLens),
                    GradCheck.uniform(rng, -1f, 1f, 2, 2, 20), GradCheck.uniform(rng, -1f, 1f, 2, 10, 2),
                    GradCheck.uniform(rng, -1f, 1f, 2, 10, 4));
        }
    }

    @Test
    void multiHeadAttentionGivesTheBooksShape() {
        // num_hiddens, num_heads = 100, 5; X ones (2, 4, 100), Y ones (2, 6, 100), valid_lens [3, 2]
        try (MultiHeadAttention attention = new MultiHeadAttention(100, 5, 0.5f, Rng.seeded(5))) {
            Tensor out = attention.forward(Tensor.ones(2, 4, 100), Tensor.ones(2, 6, 100), Tensor.ones(2, 6, 100),
                    Tensor.of(new float[] {3, 2}, 2));
            assertArrayEquals(new int[] {2, 4, 100}, out.shape());
            assertArrayEquals(new int[] {10, 4, 6}, attention.attentionWeights().shape());
        }
    }

    @Test
    void multiHeadAttentionIsEachHeadsDotProductAttentionConcatenatedAndProjected() {
        UniformRandomProvider rng = Rng.seeded(6);
        int batch = 2;
        int nq = 3;
        int nk = 4;
        int hidden = 6;
        int heads = 3;
        int dh = hidden / heads;
        Tensor x = Tensor.randn(rng, batch, nq, 5);
        Tensor y = Tensor.randn(rng, batch, nk, 4);
        float[][] lens = {{1, 4, 2}, {3, 3, 4}};
        try (MultiHeadAttention attention = new MultiHeadAttention(hidden, heads, 0f, true, rng)) {
            Tensor out = attention.forward(x, y, y, Tensor.of(lens));
            var p = attention.namedParameters();
            float[] q = project(x.toFloatArray(), p.get("W_q.weight"), p.get("W_q.bias"));
            float[] k = project(y.toFloatArray(), p.get("W_k.weight"), p.get("W_k.bias"));
            float[] v = project(y.toFloatArray(), p.get("W_v.weight"), p.get("W_v.bias"));
            float[] concat = new float[batch * nq * hidden];
            for (int h = 0; h < heads; h++) {
                float[] qh = head(q, batch * nq, hidden, h, dh);
                float[] kh = head(k, batch * nk, hidden, h, dh);
                float[] vh = head(v, batch * nk, hidden, h, dh);
                float[] w = maskedSoftmax(scaledDots(qh, kh, batch, nq, nk, dh), batch, nq, nk,
                        (b, qq) -> (int) lens[b][qq]);
                float[] oh = weighted(w, vh, batch, nq, nk, dh);
                for (int r = 0; r < batch * nq; r++) {
                    System.arraycopy(oh, r * dh, concat, r * hidden + h * dh, dh);
                }
            }
            float[] expected = project(concat, p.get("W_o.weight"), p.get("W_o.bias"));
            assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
            GradCheck.check("multi-head attention", in -> attention.forward(in[0], in[1], in[1], Tensor.of(lens)),
                    GradCheck.uniform(rng, -1f, 1f, batch, nq, 5), GradCheck.uniform(rng, -1f, 1f, batch, nk, 4));
        }
    }

    @Test
    void multiHeadAttentionRefusesAWidthTheHeadsDoNotDivide() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(10, 4, 0f, Rng.seeded(0)));
        assertTrue(e.getMessage().contains("divisible"), e.getMessage());
    }

    // ---- plain definitions ------------------------------------------------------------------------

    interface Lens {
        int of(int batch, int query);
    }

    /** softmax over keys of each row, the keys at or past the row's valid length scored −1e6 (the book's mask). */
    static float[] maskedSoftmax(float[] scores, int batch, int nq, int nk, Lens lens) {
        float[] out = new float[scores.length];
        for (int b = 0; b < batch; b++) {
            for (int q = 0; q < nq; q++) {
                int row = (b * nq + q) * nk;
                double max = Double.NEGATIVE_INFINITY;
                double[] s = new double[nk];
                for (int j = 0; j < nk; j++) {
                    s[j] = j < lens.of(b, q) ? scores[row + j] : -1e6;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < nk; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < nk; j++) {
                    out[row + j] = (float) (s[j] / sum);
                }
            }
        }
        return out;
    }

    /** {@code q·kᵀ/√d} per example. */
    static float[] scaledDots(float[] q, float[] k, int batch, int nq, int nk, int d) {
        float[] out = new float[batch * nq * nk];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j < nk; j++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        s += q[(b * nq + i) * d + c] * k[(b * nk + j) * d + c];
                    }
                    out[(b * nq + i) * nk + j] = (float) (s / Math.sqrt(d));
                }
            }
        }
        return out;
    }

    /** The weighted sums of the values. */
    static float[] weighted(float[] w, float[] v, int batch, int nq, int nk, int dv) {
        float[] out = new float[batch * nq * dv];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < nq; i++) {
                for (int c = 0; c < dv; c++) {
                    double s = 0;
                    for (int j = 0; j < nk; j++) {
                        s += w[(b * nq + i) * nk + j] * v[(b * nk + j) * dv + c];
                    }
                    out[(b * nq + i) * dv + c] = (float) s;
                }
            }
        }
        return out;
    }

    /** Rows of {@code x} times {@code weightᵀ} plus the bias. */
    static float[] project(float[] x, Tensor weight, Tensor bias) {
        int out = weight.shape(0);
        int in = weight.shape(1);
        float[] w = weight.toFloatArray();
        float[] bs = bias == null ? new float[out] : bias.toFloatArray();
        int rows = x.length / in;
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = bs[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = (float) s;
            }
        }
        return y;
    }

    /** Columns {@code [h·dh, (h+1)·dh)} of a row-major {@code [rows, width]} matrix. */
    private static float[] head(float[] m, int rows, int width, int h, int dh) {
        float[] out = new float[rows * dh];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, r * width + h * dh, out, r * dh, dh);
        }
        return out;
    }
}
