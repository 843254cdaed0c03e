package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;

/**
 * Multi-head attention, D2L 11.5's {@code MultiHeadAttention}: queries, keys and values are projected to
 * {@code numHiddens} by {@code W_q}, {@code W_k}, {@code W_v} (lazy, without bias by default), split into
 * {@code numHeads} heads of {@code numHiddens / numHeads} that attend in parallel by {@linkplain DotProductAttention
 * scaled dot products}, and the heads' outputs are concatenated and projected by {@code W_o}. The output is
 * {@code [batch, queries, numHiddens]}.
 */
public final class MultiHeadAttention extends Module {

    private final int numHeads;
    private final DotProductAttention attention;
    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;

    /** The book's default: projections without bias. */
    public MultiHeadAttention(int numHiddens, int numHeads, float dropout, UniformRandomProvider rng) {
        this(numHiddens, numHeads, dropout, false, rng);
    }

    /**
     * @param numHiddens the width of the projections and of the output, a multiple of {@code numHeads}
     * @param dropout    the probability of dropping an attention weight in training
     * @param bias       whether the four projections add a bias
     * @param rng        draws the projections (PyTorch's default {@code U(±1/√in)}) and the dropout masks
     */
    public MultiHeadAttention(int numHiddens, int numHeads, float dropout, boolean bias, UniformRandomProvider rng) {
        this(numHiddens, numHeads, dropout, bias, rng, rng);
    }

    /**
     * Multi-head attention whose projections are drawn by {@code rng} and whose dropout masks, as it trains, by
     * {@code masks}.
     */
    public MultiHeadAttention(int numHiddens, int numHeads, float dropout, boolean bias, UniformRandomProvider rng,
                              UniformRandomProvider masks) {
        if (numHeads <= 0 || numHiddens % numHeads != 0) {
            throw new IllegalArgumentException("multi-head attention needs numHiddens divisible by a positive number "
                    + "of heads, got numHiddens " + numHiddens + " and " + numHeads + " heads");
        }
        this.numHeads = numHeads;
        attention = registerModule("attention", new DotProductAttention(dropout, masks));
        wq = registerModule("W_q", Linear.lazy(numHiddens, bias, rng));
        wk = registerModule("W_k", Linear.lazy(numHiddens, bias, rng));
        wv = registerModule("W_v", Linear.lazy(numHiddens, bias, rng));
        wo = registerModule("W_o", Linear.lazy(numHiddens, bias, rng));
    }

    /**
     * The attention output {@code [batch, queries, numHiddens]}.
     *
     * @param validLens null, {@code [batch]} or {@code [batch, queries]}: how many keys each query may see (every
     *                  head sees the same)
     */
    public Tensor forward(Tensor queries, Tensor keys, Tensor values, Tensor validLens) {
        DotProductAttention.requireRank3("queries", queries);
        DotProductAttention.requireRank3("keys", keys);
        DotProductAttention.requireRank3("values", values);
        Tensor q = transposeQkv(wq.forward(queries));
        Tensor k = transposeQkv(wk.forward(keys));
        Tensor v = transposeQkv(wv.forward(values));
        Tensor lens = validLens == null ? null : repeatInterleave(validLens, numHeads);
        return wo.forward(transposeOutput(attention.forward(q, k, v, lens)));
    }

    /** Self-attention without a mask: {@code x} is queries, keys and values. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null);
    }

    /** The weights {@code [batch · numHeads, queries, pairs]} of the last forward pass, head-major within each example. */
    public Tensor attentionWeights() {
        return attention.attentionWeights();
    }

    /** The number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** {@code [batch, steps, numHiddens]} to {@code [batch · numHeads, steps, numHiddens / numHeads]}. */
    Tensor transposeQkv(Tensor x) {
        int batch = x.shape(0);
        int steps = x.shape(1);
        Tensor heads = x.reshape(batch, steps, numHeads, -1).permute(0, 2, 1, 3);
        return heads.reshape(-1, steps, heads.shape(3));
    }

    /** The inverse of {@link #transposeQkv}. */
    Tensor transposeOutput(Tensor x) {
        int steps = x.shape(1);
        Tensor heads = x.reshape(-1, numHeads, steps, x.shape(2)).permute(0, 2, 1, 3);
        return heads.reshape(heads.shape(0), steps, -1);
    }

    /** Each example's lengths {@code times} in a row along axis 0, as {@code torch.repeat_interleave}. */
    private static Tensor repeatInterleave(Tensor validLens, int times) {
        int[] s = validLens.shape();
        int[] expanded = new int[s.length + 1];
        int[] merged = s.clone();
        expanded[0] = s[0];
        expanded[1] = times;
        System.arraycopy(s, 1, expanded, 2, s.length - 1);
        merged[0] = s[0] * times;
        int[] withAxis = expanded.clone();
        withAxis[1] = 1;
        return validLens.reshape(withAxis).broadcastTo(expanded).reshape(merged);
    }

    @Override
    protected String extraRepr() {
        return "heads=" + numHeads;
    }
}
