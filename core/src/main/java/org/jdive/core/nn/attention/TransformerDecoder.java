package org.jdive.core.nn.attention;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Embedding;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;

/**
 * The Transformer decoder, D2L 11.7.5's {@code TransformerDecoder}: token embeddings scaled by {@code √numHiddens},
 * positional encoding, {@code numBlks} {@linkplain TransformerDecoderBlock decoder blocks} and a lazy dense layer to
 * logits over the target vocabulary. Target ids {@code [batch, steps]} give logits {@code [batch, steps, vocabSize]}.
 *
 * <p>Positions are counted from 0 in each call, as in the book: feeding one token at a time when predicting, each
 * step's token is encoded as position 0, where in training step {@code t} is encoded as position {@code t}.
 */
public final class TransformerDecoder extends Module {

    private final int numHiddens;
    private final int numBlks;
    private final Embedding embedding;
    private final PositionalEncoding posEncoding;
    private final Blocks<TransformerDecoderBlock> blks;
    private final Linear dense;
    private final List<Tensor> selfAttentionWeights = new ArrayList<>();
    private final List<Tensor> encDecAttentionWeights = new ArrayList<>();

    /** A decoder whose parameters and dropout masks are drawn by {@code rng}. */
    public TransformerDecoder(int vocabSize, int numHiddens, int ffnNumHiddens, int numHeads, int numBlks,
                              float dropout, UniformRandomProvider rng) {
        this(vocabSize, numHiddens, ffnNumHiddens, numHeads, numBlks, dropout, rng, rng);
    }

    /**
     * A decoder whose parameters are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks} (a
     * stream per epoch keeps a resumed run exact).
     */
    public TransformerDecoder(int vocabSize, int numHiddens, int ffnNumHiddens, int numHeads, int numBlks,
                              float dropout, UniformRandomProvider rng, UniformRandomProvider masks) {
        this.numHiddens = numHiddens;
        this.numBlks = numBlks;
        embedding = registerModule("embedding", new Embedding(vocabSize, numHiddens, rng));
        posEncoding = registerModule("pos_encoding", new PositionalEncoding(numHiddens, dropout, masks));
        blks = registerModule("blks", new Blocks<>());
        for (int i = 0; i < numBlks; i++) {
            blks.add(new TransformerDecoderBlock(numHiddens, ffnNumHiddens, numHeads, dropout, i, rng, masks));
        }
        dense = registerModule("dense", Linear.lazy(vocabSize, rng));
    }

    /** The state to decode from the encoder's outputs, with empty caches (the book's {@code init_state}). */
    public TransformerDecoderState initState(Tensor encOutputs, Tensor encValidLens) {
        return new TransformerDecoderState(encOutputs, encValidLens, numBlks);
    }

    /** The logits for target ids {@code [batch, steps]}; every block appends its input to its cache in {@code state}. */
    public Tensor forward(Tensor ids, TransformerDecoderState state) {
        Tensor x = posEncoding.forward(embedding.forward(ids).mul((float) Math.sqrt(numHiddens)));
        selfAttentionWeights.clear();
        encDecAttentionWeights.clear();
        for (TransformerDecoderBlock blk : blks.list()) {
            x = blk.forward(x, state);
            selfAttentionWeights.add(blk.attention1().attentionWeights());
            encDecAttentionWeights.add(blk.attention2().attentionWeights());
        }
        return dense.forward(x);
    }

    /** Not defined: the decoder needs the encoder's state; call {@link #forward(Tensor, TransformerDecoderState)}. */
    @Override
    public Tensor forward(Tensor ids) {
        throw new UnsupportedOperationException("the Transformer decoder attends to the encoder's outputs: "
                + "call forward(ids, initState(encoderOutputs, sourceValidLens))");
    }

    /** Each block's masked self-attention weights from the last forward pass (the book's {@code attention_weights[0]}). */
    public List<Tensor> selfAttentionWeights() {
        return List.copyOf(selfAttentionWeights);
    }

    /** Each block's encoder–decoder attention weights from the last forward pass ({@code attention_weights[1]}). */
    public List<Tensor> encoderDecoderAttentionWeights() {
        return List.copyOf(encDecAttentionWeights);
    }
}
