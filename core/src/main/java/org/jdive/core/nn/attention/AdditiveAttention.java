package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;

/**
 * Additive attention, D2L 11.3.4's {@code AdditiveAttention}: the score of query {@code q} and key {@code k} is
 * {@code w_vᵀ tanh(W_q q + W_k k)}, the three projections lazy and without bias; then the masked softmax, dropout on
 * the weights and the weighted sum of the values. Queries and keys may have different sizes.
 */
public final class AdditiveAttention extends Module {

    private final Linear wk;
    private final Linear wq;
    private final Linear wv;
    private final Dropout dropout;
    private Tensor attentionWeights;

    /**
     * @param numHiddens the size of the hidden layer the queries and keys are projected to
     * @param dropout    the probability of dropping an attention weight in training
     * @param rng        draws the projections (PyTorch's default {@code U(±1/√in)}) and the dropout masks
     */
    public AdditiveAttention(int numHiddens, float dropout, UniformRandomProvider rng) {
        this(numHiddens, dropout, rng, rng);
    }

    /** Additive attention whose projections are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks}. */
    public AdditiveAttention(int numHiddens, float dropout, UniformRandomProvider rng, UniformRandomProvider masks) {
        wk = registerModule("W_k", Linear.lazy(numHiddens, false, rng));
        wq = registerModule("W_q", Linear.lazy(numHiddens, false, rng));
        wv = registerModule("w_v", Linear.lazy(1, false, rng));
        this.dropout = registerModule("dropout", new Dropout(dropout, masks));
    }

    /**
     * The attention output {@code [batch, queries, v]} for queries {@code [batch, queries, q]}, keys
     * {@code [batch, pairs, k]} and values {@code [batch, pairs, v]}.
     *
     * @param validLens null, {@code [batch]} or {@code [batch, queries]}: how many keys each query may see
     */
    public Tensor forward(Tensor queries, Tensor keys, Tensor values, Tensor validLens) {
        DotProductAttention.requireRank3("queries", queries);
        DotProductAttention.requireRank3("keys", keys);
        DotProductAttention.requireRank3("values", values);
        // [batch, queries, 1, h] + [batch, 1, pairs, h]: every query beside every key
        Tensor features = wq.forward(queries).unsqueeze(2).add(wk.forward(keys).unsqueeze(1)).tanh();
        Tensor scores = wv.forward(features).squeeze(3);
        attentionWeights = MaskedSoftmax.apply(scores, validLens);
        return dropout.forward(attentionWeights).matmul(values);
    }

    /** Self-attention without a mask: {@code x} is queries, keys and values. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null);
    }

    /** The weights {@code [batch, queries, pairs]} of the last forward pass (before dropout), or null before one. */
    public Tensor attentionWeights() {
        return attentionWeights;
    }
}
