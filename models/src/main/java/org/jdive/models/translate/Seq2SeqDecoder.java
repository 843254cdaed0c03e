package org.jdive.models.translate;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Embedding;
import org.jdive.core.nn.Gru;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Recurrent;

/**
 * D2L 10.7.2's {@code Seq2SeqDecoder}: at every step the embedded target word concatenated with the context (the
 * encoder's top-layer output at its last step) feeds a multi-layer GRU that starts from the encoder's final state; a
 * dense layer maps the GRU's outputs to logits over the target vocabulary.
 */
public final class Seq2SeqDecoder extends Module {

    private final Embedding embedding;
    private final Gru rnn;
    private final Linear dense;

    /** What the decoder carries between calls: the encoder's outputs and the GRU's state. */
    public record State(Tensor encoderOutputs, Tensor hidden) {
    }

    /** What a call gives: logits {@code [batch, steps, vocabulary]} and the next state. */
    public record Output(Tensor logits, State state) {
    }

    /**
     * @param rng   draws the parameters
     * @param masks draws the dropout masks as it trains
     */
    public Seq2SeqDecoder(int vocabSize, int embedSize, int numHiddens, int numLayers, float dropout,
                          UniformRandomProvider rng, UniformRandomProvider masks) {
        embedding = registerModule("embedding", new Embedding(vocabSize, embedSize, rng));
        rnn = registerModule("rnn", new Gru(embedSize + numHiddens, numHiddens,
                new Recurrent.Stacking(numLayers, false, dropout, dropout > 0 ? masks : null), rng));
        dense = registerModule("dense", Linear.lazy(vocabSize, rng));
        Seq2SeqEncoder.xavierWeights(rnn, rng);
    }

    /** The book's {@code init_state}: the encoder's outputs and final state. */
    public State initState(Recurrent.Output encoded) {
        return new State(encoded.output(), encoded.state().h());
    }

    /** The logits after target ids {@code [batch, steps]}, from {@code state}. */
    public Output forward(Tensor ids, State state) {
        Tensor embs = embedding.forward(ids.t()); // [steps, batch, embed]
        int[] s = embs.shape();
        Tensor lastOutput = state.encoderOutputs().select(0, state.encoderOutputs().shape(0) - 1);
        Tensor context = lastOutput.unsqueeze(0).broadcastTo(s[0], s[1], lastOutput.shape(1));
        Recurrent.Output out = rnn.forward(Tensor.concat(2, embs, context), new Recurrent.State(state.hidden(), null));
        return new Output(dense.forward(out.output()).transpose(0, 1),
                new State(state.encoderOutputs(), out.state().h()));
    }

    /** Not defined: the decoder starts from the encoder's state. */
    @Override
    public Tensor forward(Tensor ids) {
        throw new UnsupportedOperationException("the decoder needs the encoder's state: call forward(ids, initState(...))");
    }
}
