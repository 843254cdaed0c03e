package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.LayerNorm;
import org.jdive.core.nn.Module;

/**
 * The vision Transformer encoder block, D2L 11.8.3's {@code ViTBlock}: pre-norm, unlike the original Transformer's
 * {@link AddNorm}: {@code x + attention(ln1(x))}, then {@code x + mlp(ln2(x))}. The output has the input's shape.
 */
public final class VitBlock extends Module {

    private final LayerNorm ln1;
    private final MultiHeadAttention attention;
    private final LayerNorm ln2;
    private final VitMlp mlp;

    /**
     * @param normShape the size of the last axis the layer norms normalise over ({@code numHiddens} in the book)
     * @param useBias   whether the attention projections add a bias
     * @param rng       draws the parameters and the dropout masks
     */
    public VitBlock(int numHiddens, int normShape, int mlpNumHiddens, int numHeads, float dropout, boolean useBias,
                    UniformRandomProvider rng) {
        this(numHiddens, normShape, mlpNumHiddens, numHeads, dropout, useBias, rng, rng);
    }

    /** A block whose parameters are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks}. */
    public VitBlock(int numHiddens, int normShape, int mlpNumHiddens, int numHeads, float dropout, boolean useBias,
                    UniformRandomProvider rng, UniformRandomProvider masks) {
        ln1 = registerModule("ln1", new LayerNorm(normShape));
        attention = registerModule("attention", new MultiHeadAttention(numHiddens, numHeads, dropout, useBias, rng, masks));
        ln2 = registerModule("ln2", new LayerNorm(normShape));
        mlp = registerModule("mlp", new VitMlp(mlpNumHiddens, numHiddens, dropout, rng, masks));
    }

    /** The block's output; {@code validLens} (null, {@code [batch]} or {@code [batch, steps]}) masks the attention. */
    public Tensor forward(Tensor x, Tensor validLens) {
        Tensor normed = ln1.forward(x);
        Tensor y = x.add(attention.forward(normed, normed, normed, validLens));
        return y.add(mlp.forward(ln2.forward(y)));
    }

    /** The output without a mask, as the ViT calls it. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }
}
