package org.jdive.models.text;

import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.data.Vocab;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.Recurrent;
import org.jdive.core.optim.GradClip;
import org.jdive.core.optim.Optimizer;

/**
 * A language model trained as D2L 1.0.3's {@code RNNLMScratch} and {@code Trainer} train it (9.5): the mean
 * cross-entropy of the next token over every step of a minibatch, backpropagation through the whole window, the
 * gradients clipped to a joint norm of {@code clip}, one optimizer step; perplexity is the exponential of the mean loss.
 */
public final class LanguageModel {

    /** A mean per-token loss over some tokens. */
    public record Score(double loss, long tokens) {

        /** {@code exp(loss)}. */
        public double perplexity() {
            return Math.exp(loss);
        }

        Score plus(Score other) {
            long n = tokens + other.tokens;
            return new Score(n == 0 ? 0 : (loss * tokens + other.loss * other.tokens) / n, n);
        }
    }

    private final RnnLm net;
    private final Optimizer optimizer;
    private final float clip;

    /** {@code net} trained by {@code optimizer}, gradients clipped to the norm {@code clip} (D2L: 1). */
    public LanguageModel(RnnLm net, Optimizer optimizer, float clip) {
        this.net = net;
        this.optimizer = optimizer;
        this.clip = clip;
    }

    /** The network. */
    public RnnLm net() {
        return net;
    }

    /** The optimizer of the network's parameters. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** One update on inputs and targets {@code [batch, steps]}: forward, loss, backward, clip, step. */
    public Score step(Tensor inputs, Tensor targets) {
        try (Scope scope = Scope.open()) {
            Tensor loss = loss(inputs, targets);
            optimizer.zeroGrad();
            loss.backward();
            GradClip.byNorm(optimizer.parameters(), clip);
            optimizer.step();
            return new Score(loss.item(), targets.size());
        }
    }

    /** The mean per-token loss on {@code data}, in evaluation mode and without gradients. */
    public Score evaluate(Dataset data, int batchSize) {
        net.eval();
        Score total = new Score(0, 0);
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, batchSize)) {
                try (Scope scope = Scope.open()) {
                    total = total.plus(new Score(loss(batch.features(), batch.targets()).item(), batch.targets().size()));
                }
            }
        } finally {
            net.train();
        }
        return total;
    }

    private Tensor loss(Tensor inputs, Tensor targets) {
        Tensor logits = net.forward(inputs); // [steps, batch, vocab]: targets transposed to match
        int rows = targets.size();
        return Losses.crossEntropy(logits.reshape(rows, net.vocabSize()), targets.t().reshape(rows));
    }

    /**
     * D2L's {@code predict}: the prefix's tokens are read one at a time to warm the state up, then each of the
     * {@code count} next tokens is the most likely one after the last (greedy), fed back as the next input.
     */
    public String predict(String prefix, int count, Vocab vocab) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a language model needs a non-empty prefix to continue");
        }
        StringBuilder out = new StringBuilder(prefix);
        net.eval();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Backend backend = net.parameters().getFirst().backend();
            int token = vocab.index(prefix.substring(0, 1));
            Recurrent.State state = null;
            for (int i = 0; i < prefix.length() + count - 1; i++) {
                RnnLm.Output o = net.forward(Tensor.of(backend, new float[] {token}, 1, 1), state);
                state = o.state();
                if (i < prefix.length() - 1) {
                    token = vocab.index(prefix.substring(i + 1, i + 2));
                } else {
                    token = (int) o.logits().argmax(2, false).item();
                    out.append(vocab.token(token));
                }
            }
        } finally {
            net.train();
        }
        return out.toString();
    }
}
