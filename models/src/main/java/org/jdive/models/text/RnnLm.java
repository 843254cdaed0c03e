package org.jdive.models.text;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Recurrent;

/**
 * D2L's {@code RNNLM} (9.6 and chapter 10, PyTorch edition): the tokens one-hot encoded, a recurrent layer
 * ({@code rnn}), and a linear layer ({@code linear}) from its outputs to a logit per token of the vocabulary at every
 * step.
 */
public final class RnnLm extends Module {

    private final int vocabSize;
    private final Recurrent rnn;
    private final Linear linear;

    /** {@code rnn} (its input size the vocabulary's) with an output layer drawn by {@code rng} as PyTorch does. */
    public RnnLm(Recurrent rnn, int vocabSize, UniformRandomProvider rng) {
        if (rnn.inputSize() != vocabSize) {
            throw new IllegalArgumentException("a language model's recurrent layer reads one-hot tokens: its input size "
                    + rnn.inputSize() + " must be the vocabulary's, " + vocabSize);
        }
        this.vocabSize = vocabSize;
        this.rnn = registerModule("rnn", rnn);
        this.linear = registerModule("linear",
                new Linear(rnn.hiddenSize() * rnn.stacking().directions(), vocabSize, rng));
    }

    /** The logits {@code [steps, batch, vocab]} of the next token after each of {@code tokens} {@code [batch, steps]}. */
    @Override
    public Tensor forward(Tensor tokens) {
        return forward(tokens, null).logits();
    }

    /** Logits {@code [steps, batch, vocab]} and the recurrent layer's final state. */
    public record Output(Tensor logits, Recurrent.State state) {
    }

    /** The logits after {@code tokens} {@code [batch, steps]} and the final state, starting from {@code state} (null: zeros). */
    public Output forward(Tensor tokens, Recurrent.State state) {
        Recurrent.Output out = rnn.forward(oneHot(tokens), state);
        return new Output(linear.forward(out.output()), out.state());
    }

    /** D2L's {@code F.one_hot(X.T, vocab_size)}: {@code [steps, batch, vocab]} for token indices {@code [batch, steps]}. */
    private Tensor oneHot(Tensor tokens) {
        int batch = tokens.shape(0);
        int steps = tokens.shape(1);
        float[] ids = tokens.toFloatArray();
        float[] hot = new float[steps * batch * vocabSize];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int id = (int) ids[b * steps + t];
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException("token index " + id + " is outside the vocabulary [0, " + vocabSize + ")");
                }
                hot[(t * batch + b) * vocabSize + id] = 1f;
            }
        }
        return Tensor.of(tokens.backend(), hot, steps, batch, vocabSize);
    }

    /** The size of the vocabulary. */
    public int vocabSize() {
        return vocabSize;
    }
}
