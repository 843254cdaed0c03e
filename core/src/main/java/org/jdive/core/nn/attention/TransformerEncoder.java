package org.jdive.core.nn.attention;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Embedding;
import org.jdive.core.nn.Module;

/**
 * The Transformer encoder, D2L 11.7.4's {@code TransformerEncoder}: token embeddings scaled by {@code √numHiddens}
 * (positional encodings lie in [-1, 1]), positional encoding with dropout, then {@code numBlks} {@linkplain
 * TransformerEncoderBlock encoder blocks}. Token ids {@code [batch, steps]} (whole numbers as floats) give
 * {@code [batch, steps, numHiddens]}.
 */
public final class TransformerEncoder extends Module {

    private final int numHiddens;
    private final Embedding embedding;
    private final PositionalEncoding posEncoding;
    private final Blocks<TransformerEncoderBlock> blks;
    private final List<Tensor> attentionWeights = new ArrayList<>();

    /** The book's default: attention projections without bias. */
    public TransformerEncoder(int vocabSize, int numHiddens, int ffnNumHiddens, int numHeads, int numBlks,
                              float dropout, UniformRandomProvider rng) {
        this(vocabSize, numHiddens, ffnNumHiddens, numHeads, numBlks, dropout, false, rng);
    }

    /**
     * @param useBias whether the attention projections add a bias
     * @param rng     draws the parameters and the dropout masks
     */
    public TransformerEncoder(int vocabSize, int numHiddens, int ffnNumHiddens, int numHeads, int numBlks,
                              float dropout, boolean useBias, UniformRandomProvider rng) {
        this(vocabSize, numHiddens, ffnNumHiddens, numHeads, numBlks, dropout, useBias, rng, rng);
    }

    /**
     * An encoder whose parameters are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks} (a
     * stream per epoch keeps a resumed run exact).
     */
    public TransformerEncoder(int vocabSize, int numHiddens, int ffnNumHiddens, int numHeads, int numBlks,
                              float dropout, boolean useBias, UniformRandomProvider rng, UniformRandomProvider masks) {
        this.numHiddens = numHiddens;
        embedding = registerModule("embedding", new Embedding(vocabSize, numHiddens, rng));
        posEncoding = registerModule("pos_encoding", new PositionalEncoding(numHiddens, dropout, masks));
        blks = registerModule("blks", new Blocks<>());
        for (int i = 0; i < numBlks; i++) {
            blks.add(new TransformerEncoderBlock(numHiddens, ffnNumHiddens, numHeads, dropout, useBias, rng, masks));
        }
    }

    /** The encoded sequence; {@code validLens} (null or {@code [batch]}) masks each source's padding. */
    public Tensor forward(Tensor ids, Tensor validLens) {
        Tensor x = posEncoding.forward(embedding.forward(ids).mul((float) Math.sqrt(numHiddens)));
        attentionWeights.clear();
        for (TransformerEncoderBlock blk : blks.list()) {
            x = blk.forward(x, validLens);
            attentionWeights.add(blk.attention().attentionWeights());
        }
        return x;
    }

    /** The encoded sequence without a mask. */
    @Override
    public Tensor forward(Tensor ids) {
        return forward(ids, null);
    }

    /** Each block's self-attention weights {@code [batch · heads, steps, steps]} from the last forward pass. */
    public List<Tensor> attentionWeights() {
        return List.copyOf(attentionWeights);
    }
}
