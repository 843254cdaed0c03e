package org.jdive.models.translate;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The settings of a translation run, with the book's recipes ({@link #d2l}).
 *
 * @param arch          {@code gru} (D2L 10.7), {@code bahdanau} (11.4) or {@code transformer} (11.7)
 * @param embedSize     the word embeddings' size of the GRU models
 * @param numHiddens    the GRU's hidden units, or the Transformer's width
 * @param numLayers     the GRU's layers, or the Transformer's blocks
 * @param ffnNumHiddens the hidden units of the Transformer's position-wise FFN
 * @param numHeads      the Transformer's attention heads
 * @param dropout       the dropout probability everywhere the book applies it
 * @param learningRate  Adam's learning rate
 * @param gradClip      the joint norm the gradients are clipped to before each step
 * @param batchSize     pairs per update
 */
public record Seq2SeqSettings(String arch, int embedSize, int numHiddens, int numLayers, int ffnNumHiddens,
                              int numHeads, double dropout, double learningRate, double gradClip, int batchSize) {

    /** The architectures, as {@code model.arch} names them. */
    public static final List<String> ARCHS = List.of("gru", "bahdanau", "transformer");

    /** Checks the architecture's name. */
    public Seq2SeqSettings {
        if (!ARCHS.contains(arch)) {
            throw new IllegalArgumentException("unknown architecture '" + arch + "': one of " + ARCHS);
        }
    }

    /**
     * The book's set-up for {@code arch}: embeddings of 256, 2 layers of 256 GRU units, dropout 0.2 and Adam at 0.005
     * (10.7, 11.4); or 2 Transformer blocks 256 wide with an FFN of 64 and 4 heads, dropout 0.2 and Adam at 0.001
     * (11.7). Both clip gradients to norm 1 and train on batches of 128.
     */
    public static Seq2SeqSettings d2l(String arch) {
        double lr = arch.equals("transformer") ? 0.001 : 0.005;
        return new Seq2SeqSettings(arch, 256, 256, 2, 64, 4, 0.2, lr, 1, 128);
    }

    /** The network these settings describe, its parameters drawn by {@code rng} and its dropout masks by {@code masks}. */
    public Seq2Seq build(int srcVocab, int tgtVocab, UniformRandomProvider rng, UniformRandomProvider masks) {
        float dropout = (float) this.dropout;
        Seq2Seq net = switch (arch) {
            case "gru" -> new GruSeq2Seq(new Seq2SeqEncoder(srcVocab, embedSize, numHiddens, numLayers, dropout, rng, masks),
                    new Seq2SeqDecoder(tgtVocab, embedSize, numHiddens, numLayers, dropout, rng, masks));
            case "bahdanau" -> new BahdanauSeq2Seq(
                    new Seq2SeqEncoder(srcVocab, embedSize, numHiddens, numLayers, dropout, rng, masks),
                    new Seq2SeqAttentionDecoder(tgtVocab, embedSize, numHiddens, numLayers, dropout, rng, masks));
            case "transformer" -> new TransformerSeq2Seq(
                    new org.jdive.core.nn.attention.TransformerEncoder(srcVocab, numHiddens, ffnNumHiddens, numHeads,
                            numLayers, dropout, false, rng, masks),
                    new org.jdive.core.nn.attention.TransformerDecoder(tgtVocab, numHiddens, ffnNumHiddens, numHeads,
                            numLayers, dropout, rng, masks));
            default -> throw new IllegalStateException("unchecked architecture " + arch);
        };
        net.materialize();
        return net;
    }
}
