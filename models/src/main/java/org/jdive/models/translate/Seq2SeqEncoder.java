package org.jdive.models.translate;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Embedding;
import org.jdive.core.nn.Gru;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Recurrent;
import org.jdive.core.nn.init.Init;

/**
 * D2L 10.7.1's {@code Seq2SeqEncoder}: an embedding of the source words and a multi-layer GRU over them, with dropout
 * between its layers; the GRU's weights (not its biases) Xavier-uniform, as the book's {@code init_seq2seq}.
 */
public final class Seq2SeqEncoder extends Module {

    private final Embedding embedding;
    private final Gru rnn;

    /**
     * @param rng   draws the parameters
     * @param masks draws the dropout masks as it trains
     */
    public Seq2SeqEncoder(int vocabSize, int embedSize, int numHiddens, int numLayers, float dropout,
                          UniformRandomProvider rng, UniformRandomProvider masks) {
        embedding = registerModule("embedding", new Embedding(vocabSize, embedSize, rng));
        rnn = registerModule("rnn", new Gru(embedSize, numHiddens,
                new Recurrent.Stacking(numLayers, false, dropout, dropout > 0 ? masks : null), rng));
        xavierWeights(rnn, rng);
    }

    /** The book's {@code init_seq2seq} for a GRU: every weight matrix Xavier-uniform, the biases left as they are. */
    static void xavierWeights(Recurrent rnn, UniformRandomProvider rng) {
        rnn.namedParameters().forEach((name, p) -> {
            if (name.startsWith("weight")) {
                Init.xavierUniform().fill(p, rng);
            }
        });
    }

    /**
     * The GRU's outputs {@code [steps, batch, numHiddens]} (its top layer at every step) and final state
     * {@code [layers, batch, numHiddens]} for source ids {@code [batch, steps]}. Padding is read like any word: the book
     * leaves the valid lengths to attention.
     */
    public Recurrent.Output encode(Tensor ids) {
        return rnn.forward(embedding.forward(ids.t()), null);
    }

    /** The GRU's outputs; see {@link #encode}. */
    @Override
    public Tensor forward(Tensor ids) {
        return encode(ids).output();
    }
}
