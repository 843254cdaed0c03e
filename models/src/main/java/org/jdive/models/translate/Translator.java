package org.jdive.models.translate;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Vocab;
import org.jdive.core.optim.GradClip;
import org.jdive.core.optim.Optimizer;

/**
 * A {@link Seq2Seq} trained as D2L's {@code Seq2Seq} and {@code Trainer} train it (10.7): teacher forcing, the masked
 * cross-entropy of the labels, the gradients clipped to a joint norm, one optimizer step; and translation by greedy
 * decoding.
 */
public final class Translator {

    /** A mean per-word loss over some (unpadded) words. */
    public record Score(double loss, long words) {

        Score plus(Score other) {
            long n = words + other.words;
            return new Score(n == 0 ? 0 : (loss * words + other.loss * other.words) / n, n);
        }
    }

    /** A translation: its words up to its first {@code <eos>}, and its attention weights (null without attention). */
    public record Translation(List<String> words, float[][] attention) {

        /** The words joined by spaces, as BLEU reads them. */
        public String text() {
            return String.join(" ", words);
        }
    }

    private final Seq2Seq net;
    private final Optimizer optimizer;
    private final float clip;
    private final Vocab targetVocab;

    /** {@code net} trained by {@code optimizer}, gradients clipped to the norm {@code clip} (D2L: 1). */
    public Translator(Seq2Seq net, Optimizer optimizer, float clip, Vocab targetVocab) {
        this.net = net;
        this.optimizer = optimizer;
        this.clip = clip;
        this.targetVocab = targetVocab;
    }

    /** The network. */
    public Seq2Seq net() {
        return net;
    }

    /** The optimizer of the network's parameters. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** One update on {@code batch}: forward with teacher forcing, masked loss, backward, clip, step. */
    public Score step(FraEng.Examples batch, Backend backend) {
        try (Scope scope = Scope.open()) {
            Tensor labels = Tensor.of(backend, batch.labels(), batch.count(), batch.numSteps());
            Tensor logits = net.forward(Tensor.of(backend, batch.source(), batch.count(), batch.numSteps()),
                    Tensor.of(backend, batch.sourceValidLength(), batch.count()),
                    Tensor.of(backend, batch.decoderInput(), batch.count(), batch.numSteps()));
            Tensor loss = Seq2Seq.maskedLoss(logits, labels, targetVocab.index(FraEng.PAD));
            optimizer.zeroGrad();
            loss.backward();
            GradClip.byNorm(optimizer.parameters(), clip);
            optimizer.step();
            return new Score(loss.item(), words(batch));
        }
    }

    private long words(FraEng.Examples batch) {
        int pad = targetVocab.index(FraEng.PAD);
        long n = 0;
        for (float id : batch.labels()) {
            n += (int) id != pad ? 1 : 0;
        }
        return n;
    }

    /** The greedy translation of each source of {@code examples}, {@code numSteps} words at most, cut at {@code <eos>}. */
    public List<Translation> translate(FraEng.Examples examples, Backend backend) {
        Seq2Seq.Prediction p = net.predict(Tensor.of(backend, examples.source(), examples.count(), examples.numSteps()),
                Tensor.of(backend, examples.sourceValidLength(), examples.count()), examples.bos(0), examples.numSteps());
        List<Translation> out = new ArrayList<>(examples.count());
        for (int row = 0; row < examples.count(); row++) {
            out.add(new Translation(words(p.tokens()[row]), p.attention() == null ? null : p.attention()[row]));
        }
        return out;
    }

    /** The exponent of the length in beam search's score, {@code log P / L^α} (D2L 10.8). */
    public static final double BEAM_ALPHA = 0.75;

    /** The beam search translation of each source of {@code examples} with {@code width} hypotheses, cut at {@code <eos>}. */
    public List<Translation> translateBeam(FraEng.Examples examples, int width, Backend backend) {
        List<Translation> out = new ArrayList<>(examples.count());
        for (int row = 0; row < examples.count(); row++) {
            FraEng.Examples one = examples.range(row, row + 1);
            Seq2Seq.Beam beam = net.beamSearch(Tensor.of(backend, one.source(), 1, one.numSteps()),
                    Tensor.of(backend, one.sourceValidLength(), 1), one.bos(0), targetVocab.index(FraEng.EOS),
                    one.numSteps(), width, BEAM_ALPHA);
            out.add(new Translation(words(beam.tokens()), null));
        }
        return out;
    }

    private List<String> words(int[] ids) {
        List<String> words = new ArrayList<>();
        for (int id : ids) {
            String w = targetVocab.token(id);
            if (w.equals(FraEng.EOS)) {
                break;
            }
            words.add(w);
        }
        return words;
    }

    /** The mean BLEU (k = 2) of the translations of {@code examples} against {@code references}. */
    public double meanBleu(FraEng.Examples examples, List<String> references, Backend backend) {
        List<Translation> t = translate(examples, backend);
        double sum = 0;
        for (int i = 0; i < t.size(); i++) {
            sum += Bleu.of(t.get(i).text(), references.get(i), 2);
        }
        return sum / t.size();
    }
}
