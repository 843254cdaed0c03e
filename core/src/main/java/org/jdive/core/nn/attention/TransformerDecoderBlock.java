package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * The {@code i}-th Transformer decoder block, D2L 11.7.5's {@code TransformerDecoderBlock}: masked multi-head
 * self-attention over the target so far, encoder–decoder attention over the encoder's outputs, and the
 * position-wise FFN, each followed by {@link AddNorm}.
 *
 * <p>In training mode the whole target is given at once and each position may attend only to itself and earlier
 * positions (valid lengths {@code 1, 2, ..., steps}). In evaluation mode the block is fed one step at a time: it
 * appends its input to its cache in the {@link TransformerDecoderState} and attends to all of it without a mask,
 * which is the same causal attention.
 */
public final class TransformerDecoderBlock extends Module {

    private final int index;
    private final MultiHeadAttention attention1;
    private final AddNorm addnorm1;
    private final MultiHeadAttention attention2;
    private final AddNorm addnorm2;
    private final PositionWiseFfn ffn;
    private final AddNorm addnorm3;

    /**
     * @param index which block of the decoder this is: where its cache lives in the state
     * @param rng   draws the parameters and the dropout masks
     */
    public TransformerDecoderBlock(int numHiddens, int ffnNumHiddens, int numHeads, float dropout, int index,
                                   UniformRandomProvider rng) {
        this(numHiddens, ffnNumHiddens, numHeads, dropout, index, rng, rng);
    }

    /** A block whose parameters are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks}. */
    public TransformerDecoderBlock(int numHiddens, int ffnNumHiddens, int numHeads, float dropout, int index,
                                   UniformRandomProvider rng, UniformRandomProvider masks) {
        this.index = index;
        attention1 = registerModule("attention1",
                new MultiHeadAttention(numHiddens, numHeads, dropout, false, rng, masks));
        addnorm1 = registerModule("addnorm1", new AddNorm(numHiddens, dropout, masks));
        attention2 = registerModule("attention2",
                new MultiHeadAttention(numHiddens, numHeads, dropout, false, rng, masks));
        addnorm2 = registerModule("addnorm2", new AddNorm(numHiddens, dropout, masks));
        ffn = registerModule("ffn", new PositionWiseFfn(ffnNumHiddens, numHiddens, rng));
        addnorm3 = registerModule("addnorm3", new AddNorm(numHiddens, dropout, masks));
    }

    /** The block's output for {@code x} {@code [batch, steps, numHiddens]}; appends {@code x} to its cache in {@code state}. */
    public Tensor forward(Tensor x, TransformerDecoderState state) {
        Tensor cached = state.keyValues(index);
        Tensor keyValues = cached == null ? x : Tensor.concat(1, cached, x);
        state.setKeyValues(index, keyValues);
        Tensor decValidLens = isTraining() ? causalLengths(x.shape(0), x.shape(1), x) : null;
        Tensor y = addnorm1.forward(x, attention1.forward(x, keyValues, keyValues, decValidLens));
        Tensor z = addnorm2.forward(y, attention2.forward(y, state.encOutputs(), state.encOutputs(),
                state.encValidLens()));
        return addnorm3.forward(z, ffn.forward(z));
    }

    /** Not defined: a decoder block needs the encoder's state; call {@link #forward(Tensor, TransformerDecoderState)}. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("a Transformer decoder block attends to the encoder's outputs: "
                + "call forward(x, state) with the decoder's initState(...)");
    }

    /** Every row {@code [1, 2, ..., steps]}: position t sees the first t positions. */
    private static Tensor causalLengths(int batch, int steps, Tensor like) {
        float[] lens = new float[batch * steps];
        for (int i = 0; i < lens.length; i++) {
            lens[i] = i % steps + 1;
        }
        return Tensor.of(like.backend(), lens, batch, steps);
    }

    /** The masked self-attention. */
    public MultiHeadAttention attention1() {
        return attention1;
    }

    /** The encoder–decoder attention. */
    public MultiHeadAttention attention2() {
        return attention2;
    }
}
