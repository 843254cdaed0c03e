package org.jdive.models.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

        /**
         * A decoding of a new batch made of this one's rows {@code rows} ({@code [rows]}, row numbers as floats; a row may
         * be taken twice), each in the state it has reached: beam search carries its kept hypotheses on with it.
         */
        Decoding rows(Tensor rows);
    }

    /** Greedy translations: {@code tokens[row][step]} and, for decoders with attention, {@code attention[row][step][source step]}. */
    public record Prediction(int[][] tokens, float[][][] attention) {
    }

    /** A beam search's choice: the words' ids, the {@code <eos>} that ends them included (if any), and its score. */
    public record Beam(int[] tokens, double score) {
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
            Arrays.fill(ids, bos);
            for (int t = 0; t < numSteps; t++) {
                Tensor logits = decoding.decode(Tensor.of(source.backend(), ids, batch, 1));
                ids = logits.argmax(2, false).toFloatArray();
                Tensor weights = decoding.attention();
                if (weights != null) {
                    int keys = weights.shape(2);
                    attention = attention != null ? attention : new float[batch][numSteps][];
                    float[] w = weights.toFloatArray();
                    for (int b = 0; b < batch; b++) {
                        attention[b][t] = Arrays.copyOfRange(w, b * keys, (b + 1) * keys);
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
     * Beam search (D2L 10.8) of one source {@code [1, steps]}: at each step every kept hypothesis is extended by every
     * word, and the {@code width} extensions of highest log-probability are kept; one that ends in {@code eos}, or
     * reaches {@code numSteps} words, is finished. Of the finished ones it returns the one of highest
     * {@code log P / L^alpha}, {@code L} its length (the book's {@code α = 0.75} favours longer ones than the plain
     * log-probability). Width 1 is greedy decoding; ties go to the earlier hypothesis and the lower word id.
     */
    public final Beam beamSearch(Tensor source, Tensor validLength, int bos, int eos, int numSteps, int width,
                                 double alpha) {
        if (source.shape(0) != 1 || width < 1) {
            throw new IllegalArgumentException("beam search translates one source [1, steps] with a width >= 1, got "
                    + Arrays.toString(source.shape()) + " and width " + width);
        }
        Beam best = null;
        eval();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Decoding decoding = begin(source, validLength);
            List<int[]> live = List.of(new int[0]);
            double[] scores = {0};
            float[] last = {bos};
            for (int t = 0; t < numSteps && !live.isEmpty(); t++) {
                Tensor logits = decoding.decode(Tensor.of(source.backend(), last, live.size(), 1));
                int vocab = logits.shape(2);
                float[] logp = logits.logSoftmax(2).toFloatArray();
                Integer[] order = new Integer[live.size() * vocab];
                for (int c = 0; c < order.length; c++) {
                    order[c] = c;
                }
                double[] base = scores;
                Arrays.sort(order, (a, b) -> Double.compare(base[b / vocab] + logp[b], base[a / vocab] + logp[a]));
                List<int[]> kept = new ArrayList<>();
                List<Float> parents = new ArrayList<>();
                List<Double> keptScores = new ArrayList<>();
                for (int c = 0; c < Math.min(width, order.length); c++) {
                    int parent = order[c] / vocab;
                    int word = order[c] % vocab;
                    int[] seq = Arrays.copyOf(live.get(parent), t + 1);
                    seq[t] = word;
                    double score = base[parent] + logp[order[c]];
                    if (word == eos || t == numSteps - 1) {
                        double normalized = score / Math.pow(seq.length, alpha);
                        if (best == null || normalized > best.score()) {
                            best = new Beam(seq, normalized);
                        }
                    } else {
                        kept.add(seq);
                        parents.add((float) parent);
                        keptScores.add(score);
                    }
                }
                live = kept;
                scores = keptScores.stream().mapToDouble(Double::doubleValue).toArray();
                last = new float[kept.size()];
                float[] rows = new float[kept.size()];
                for (int i = 0; i < kept.size(); i++) {
                    last[i] = kept.get(i)[t];
                    rows[i] = parents.get(i);
                }
                if (!kept.isEmpty()) {
                    decoding = decoding.rows(Tensor.of(source.backend(), rows, rows.length));
                }
            }
        } finally {
            train();
        }
        return best;
    }

    /** {@code t}'s rows {@code rows} ({@code [rows]}, as floats) along {@code axis} 0 or 1. */
    static Tensor pick(Tensor t, int axis, Tensor rows) {
        return axis == 0 ? t.gather(0, rows) : t.transpose(0, 1).gather(0, rows).transpose(0, 1);
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
