package org.jdive.models.translate;

import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.loss.Losses;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Module;

/**
 * D2L's encoder–decoder ({@code EncoderDecoder} and {@code Seq2Seq}, 10.6–10.7): the encoder reads the source
 * {@code [batch, steps]} with its valid lengths, the decoder starts from what the encoder gives and reads target ids
 * {@code [batch, steps]}, giving logits {@code [batch, steps, target vocabulary]}. In training the decoder reads the
 * whole target at once (teacher forcing: {@code <bos>} and the target shifted right); {@link #predict} feeds it its own
 * most likely word step by step (the book's {@code predict_step}).
 */
public abstract class Seq2Seq extends Module {

    /** A decoder that has read the encoder's output and keeps its state between calls of {@link #decode}. */
    public interface Decoding {

        /** The logits {@code [batch, steps, vocabulary]} after the target ids {@code [batch, steps]}; advances the state. */
        Tensor decode(Tensor ids);

        /**
         * The attention weights of the last {@link #decode}'s steps over the source {@code [batch, steps, source steps]}
         * (for the Transformer, the last block's encoder–decoder attention averaged over its heads), or null for a
         * decoder without attention.
         */
        Tensor attention();
    }

    /** Greedy translations: {@code tokens[row][step]} and, for decoders with attention, {@code attention[row][step][source step]}. */
    public record Prediction(int[][] tokens, float[][][] attention) {
    }

    /** Encodes {@code source} {@code [batch, steps]} whose sentences are {@code validLength} {@code [batch]} words long. */
    public abstract Decoding begin(Tensor source, Tensor validLength);

    /** The logits {@code [batch, steps, vocabulary]} of each next word given the decoder's input (teacher forcing). */
    public final Tensor forward(Tensor source, Tensor validLength, Tensor decoderInput) {
        return begin(source, validLength).decode(decoderInput);
    }

    /** Not defined: a translation needs the source, its valid lengths and the decoder's input. */
    @Override
    public final Tensor forward(Tensor source) {
        throw new UnsupportedOperationException("an encoder-decoder needs forward(source, validLength, decoderInput)");
    }

    /**
     * The book's {@code predict_step}: starting from {@code bos}, {@code numSteps} times the most likely next word is
     * fed back as the decoder's next input, in evaluation mode and without gradients. Words after an {@code <eos>}
     * are kept, as the book's; the book cuts them when it reads the translation.
     */
    public final Prediction predict(Tensor source, Tensor validLength, int bos, int numSteps) {
        int batch = source.shape(0);
        int[][] tokens = new int[batch][numSteps];
        float[][][] attention = null;
        eval();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Decoding decoding = begin(source, validLength);
            float[] ids = new float[batch];
            java.util.Arrays.fill(ids, bos);
            for (int t = 0; t < numSteps; t++) {
                Tensor logits = decoding.decode(Tensor.of(source.backend(), ids, batch, 1));
                ids = logits.argmax(2, false).toFloatArray();
                Tensor weights = decoding.attention();
                if (weights != null) {
                    int keys = weights.shape(2);
                    attention = attention != null ? attention : new float[batch][numSteps][];
                    float[] w = weights.toFloatArray();
                    for (int b = 0; b < batch; b++) {
                        attention[b][t] = java.util.Arrays.copyOfRange(w, b * keys, (b + 1) * keys);
                    }
                }
                for (int b = 0; b < batch; b++) {
                    tokens[b][t] = (int) ids[b];
                }
            }
        } finally {
            train();
        }
        return new Prediction(tokens, attention);
    }

    /**
     * D2L's {@code Seq2Seq.loss}: the cross-entropy of each label, averaged over the labels that are not {@code pad}
     * (padding neither adds to the loss nor counts in the mean).
     *
     * @param logits {@code [batch, steps, vocabulary]}
     * @param labels {@code [batch, steps]}, ids as floats
     */
    public static Tensor maskedLoss(Tensor logits, Tensor labels, int pad) {
        int rows = labels.size();
        Tensor perWord = Losses.crossEntropy(logits.reshape(rows, logits.shape(2)), labels.reshape(rows), Reduction.NONE);
        float[] ids = labels.toFloatArray();
        float[] mask = new float[rows];
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            mask[i] = ids[i] != pad ? 1f : 0f;
            kept += (int) mask[i];
        }
        Backend backend = logits.backend();
        return perWord.mul(Tensor.of(backend, mask, rows)).sum().div(Math.max(kept, 1));
    }

    /** Creates the lazy layers' parameters with one step of a one-word pair, so an optimizer and a checkpoint see them. */
    final void materialize() {
        eval();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Backend backend = Backends.getDefault();
            Tensor one = Tensor.zeros(backend, 1, 1);
            forward(one, Tensor.of(backend, new float[] {1}, 1), one);
        } finally {
            train();
        }
    }
}
