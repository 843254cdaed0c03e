package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * The Transformer encoder block, D2L 11.7.4's {@code TransformerEncoderBlock}: multi-head self-attention and the
 * position-wise FFN, each followed by {@link AddNorm}. The output has the input's shape {@code [batch, steps,
 * numHiddens]}.
 */
public final class TransformerEncoderBlock extends Module {

    private final MultiHeadAttention attention;
    private final AddNorm addnorm1;
    private final PositionWiseFfn ffn;
    private final AddNorm addnorm2;

    /** The book's default: attention projections without bias. */
    public TransformerEncoderBlock(int numHiddens, int ffnNumHiddens, int numHeads, float dropout,
                                   UniformRandomProvider rng) {
        this(numHiddens, ffnNumHiddens, numHeads, dropout, false, rng);
    }

    /**
     * @param useBias whether the attention projections add a bias
     * @param rng     draws the parameters and the dropout masks
     */
    public TransformerEncoderBlock(int numHiddens, int ffnNumHiddens, int numHeads, float dropout, boolean useBias,
                                   UniformRandomProvider rng) {
        this(numHiddens, ffnNumHiddens, numHeads, dropout, useBias, rng, rng);
    }

    /** A block whose parameters are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks}. */
    public TransformerEncoderBlock(int numHiddens, int ffnNumHiddens, int numHeads, float dropout, boolean useBias,
                                   UniformRandomProvider rng, UniformRandomProvider masks) {
        attention = registerModule("attention",
                new MultiHeadAttention(numHiddens, numHeads, dropout, useBias, rng, masks));
        addnorm1 = registerModule("addnorm1", new AddNorm(numHiddens, dropout, masks));
        ffn = registerModule("ffn", new PositionWiseFfn(ffnNumHiddens, numHiddens, rng));
        addnorm2 = registerModule("addnorm2", new AddNorm(numHiddens, dropout, masks));
    }

    /** The block's output; {@code validLens} (null, {@code [batch]} or {@code [batch, steps]}) masks padding. */
    public Tensor forward(Tensor x, Tensor validLens) {
        Tensor y = addnorm1.forward(x, attention.forward(x, x, x, validLens));
        return addnorm2.forward(y, ffn.forward(y));
    }

    /** The output without a mask. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** The self-attention layer, whose {@link MultiHeadAttention#attentionWeights()} the encoder collects. */
    public MultiHeadAttention attention() {
        return attention;
    }
}
