package org.jdive.models.translate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Embedding;
import org.jdive.core.nn.Gru;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Recurrent;
import org.jdive.core.nn.attention.AdditiveAttention;

/**
 * D2L 11.4.2's {@code Seq2SeqAttentionDecoder} (Bahdanau attention): at every step the top layer's previous hidden
 * state queries the encoder's outputs by {@link AdditiveAttention} (padding masked by the source's valid lengths); the
 * context it gives, concatenated with the embedded target word, feeds one step of a multi-layer GRU that started from
 * the encoder's final state; a dense layer maps the GRU's outputs to logits.
 */
public final class Seq2SeqAttentionDecoder extends Module {

    private final AdditiveAttention attention;
    private final Embedding embedding;
    private final Gru rnn;
    private final Linear dense;
    private Tensor attentionWeights;

    /** What the decoder carries between calls: the encoder's outputs {@code [batch, steps, hidden]}, the GRU's state, the source's valid lengths. */
    public record State(Tensor encoderOutputs, Tensor hidden, Tensor validLength) {
    }

    /** What a call gives: logits {@code [batch, steps, vocabulary]} and the next state. */
    public record Output(Tensor logits, State state) {
    }

    /**
     * @param rng   draws the parameters
     * @param masks draws the dropout masks (of the attention weights and between the GRU's layers) as it trains
     */
    public Seq2SeqAttentionDecoder(int vocabSize, int embedSize, int numHiddens, int numLayers, float dropout,
                                   UniformRandomProvider rng, UniformRandomProvider masks) {
        attention = registerModule("attention", new AdditiveAttention(numHiddens, dropout, rng, masks));
        embedding = registerModule("embedding", new Embedding(vocabSize, embedSize, rng));
        rnn = registerModule("rnn", new Gru(embedSize + numHiddens, numHiddens,
                new Recurrent.Stacking(numLayers, false, dropout, dropout > 0 ? masks : null), rng));
        dense = registerModule("dense", Linear.lazy(vocabSize, rng));
        Seq2SeqEncoder.xavierWeights(rnn, rng);
    }

    /** The book's {@code init_state}: the encoder's outputs batch first, its final state, the source's valid lengths. */
    public State initState(Recurrent.Output encoded, Tensor validLength) {
        return new State(encoded.output().transpose(0, 1), encoded.state().h(), validLength);
    }

    /** The logits after target ids {@code [batch, steps]}, one GRU step per word, from {@code state}. */
    public Output forward(Tensor ids, State state) {
        Tensor embs = embedding.forward(ids.t()); // [steps, batch, embed]
        Tensor hidden = state.hidden();
        int top = hidden.shape(0) - 1;
        List<Tensor> outputs = new ArrayList<>();
        List<Tensor> weights = new ArrayList<>();
        for (int t = 0; t < embs.shape(0); t++) {
            Tensor query = hidden.select(0, top).unsqueeze(1); // [batch, 1, hidden]
            Tensor context = attention.forward(query, state.encoderOutputs(), state.encoderOutputs(), state.validLength());
            Tensor x = Tensor.concat(2, context, embs.select(0, t).unsqueeze(1)); // [batch, 1, hidden + embed]
            Recurrent.Output out = rnn.forward(x.transpose(0, 1), new Recurrent.State(hidden, null));
            hidden = out.state().h();
            outputs.add(out.output());
            weights.add(attention.attentionWeights());
        }
        attentionWeights = Tensor.concat(1, weights.toArray(Tensor[]::new));
        Tensor logits = dense.forward(Tensor.concat(0, outputs.toArray(Tensor[]::new))).transpose(0, 1);
        return new Output(logits, new State(state.encoderOutputs(), hidden, state.validLength()));
    }

    /** The attention weights {@code [batch, steps, source steps]} of the last call's steps, or null before one. */
    public Tensor attentionWeights() {
        return attentionWeights;
    }

    /** Not defined: the decoder starts from the encoder's state. */
    @Override
    public Tensor forward(Tensor ids) {
        throw new UnsupportedOperationException("the decoder needs the encoder's state: call forward(ids, initState(...))");
    }
}
