package org.jdive.core.nn.attention;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Module;

/**
 * Scaled dot-product attention, D2L 11.3.3's {@code DotProductAttention}: scores {@code q·kᵀ/√d}, weights by the
 * {@linkplain MaskedSoftmax masked softmax}, dropout on the weights, then the weighted sum of the values. Queries are
 * {@code [batch, queries, d]}, keys {@code [batch, pairs, d]}, values {@code [batch, pairs, v]}; the output is
 * {@code [batch, queries, v]}. No parameters.
 */
public final class DotProductAttention extends Module {

    private final Dropout dropout;
    private Tensor attentionWeights;

    /** Attention that drops weights with probability {@code dropout} in training, the masks drawn from {@code rng}. */
    public DotProductAttention(float dropout, UniformRandomProvider rng) {
        this.dropout = registerModule("dropout", new Dropout(dropout, rng));
    }

    /**
     * The attention output.
     *
     * @param validLens null, {@code [batch]} or {@code [batch, queries]}: how many keys each query may see
     */
    public Tensor forward(Tensor queries, Tensor keys, Tensor values, Tensor validLens) {
        requireRank3("queries", queries);
        requireRank3("keys", keys);
        requireRank3("values", values);
        int d = queries.shape(2);
        Tensor scores = queries.matmul(keys.transpose(1, 2)).div((float) Math.sqrt(d));
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

    static void requireRank3(String what, Tensor t) {
        if (t.rank() != 3) {
            throw new IllegalArgumentException("attention needs " + what + " of shape [batch, steps, features], got "
                    + Arrays.toString(t.shape()));
        }
    }
}
