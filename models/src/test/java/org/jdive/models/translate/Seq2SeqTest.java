package org.jdive.models.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The encoder–decoders: the masked loss against hand values, their gradients against finite differences, greedy decoding. */
class Seq2SeqTest {

    @Test
    void maskedLossAveragesTheUnpaddedLabelsOnly() {
        // two rows of two steps over a vocabulary of 3, pad = 0; the second row's second label is padding
        float[] logits = {1, 2, 3, 0, 0, 0, 2, 0, 1, 5, -5, 7};
        Tensor loss = Seq2Seq.maskedLoss(Tensor.of(logits, 2, 2, 3), Tensor.of(new float[] {2, 1, 1, 0}, 2, 2), 0);
        double l1 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double l2 = Math.log(3);
        double l3 = -Math.log(1 / (Math.exp(2) + 1 + Math.exp(1)));
        assertEquals((l1 + l2 + l3) / 3, loss.item(), 1e-6);
    }

    private static Seq2SeqSettings tiny(String arch) {
        return new Seq2SeqSettings(arch, 3, 4, 2, 5, 2, 0, 0.01, 1, 2);
    }

    /** Source {@code [2, 3]} (the second one word shorter), decoder input and labels {@code [2, 3]} over vocabularies of 5 and 6. */
    private static Tensor[] tinyBatch() {
        return new Tensor[] {Tensor.of(new float[] {1, 2, 3, 4, 2, 0}, 2, 3), Tensor.of(new float[] {3, 2}, 2),
                Tensor.of(new float[] {1, 4, 5, 1, 2, 0}, 2, 3), Tensor.of(new float[] {4, 5, 2, 2, 3, 0}, 2, 3)};
    }

    /** Every parameter's gradient of the masked loss against central differences, a few elements each. */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "bahdanau", "transformer"})
    void gradientsMatchFiniteDifferences(String arch) {
        Seq2Seq net = tiny(arch).build(5, 6, Rng.seeded(3), Rng.seeded(4));
        Tensor[] b = tinyBatch();
        try (Scope scope = Scope.open()) {
            net.zeroGrad();
            Seq2Seq.maskedLoss(net.forward(b[0], b[1], b[2]), b[3], 0).backward();
            double eps = 1e-3; // small: the FFN's ReLU has kinks a wider step can cross
            for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
                Tensor p = e.getValue();
                float[] grad = p.grad() == null ? new float[p.size()] : p.grad().toFloatArray();
                float[] values = p.toFloatArray();
                for (int i = 0; i < values.length; i += Math.max(1, values.length / 4)) {
                    double plus = lossWith(net, p, values, i, eps, b);
                    double minus = lossWith(net, p, values, i, -eps, b);
                    double numeric = (plus - minus) / (2 * eps);
                    if (Math.abs(numeric - grad[i]) > 2e-3 + 2e-2 * Math.abs(numeric)) {
                        fail(arch + " " + e.getKey() + "[" + i + "]: autograd " + grad[i] + ", finite difference " + numeric);
                    }
                }
            }
        }
    }

    private static double lossWith(Seq2Seq net, Tensor p, float[] values, int i, double delta, Tensor[] b) {
        float[] moved = values.clone();
        moved[i] = (float) (values[i] + delta);
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            p.copyFromInPlace(Tensor.of(moved, p.shape()));
            double loss = Seq2Seq.maskedLoss(net.forward(b[0], b[1], b[2]), b[3], 0).item();
            p.copyFromInPlace(Tensor.of(values, p.shape()));
            return loss;
        }
    }

    /** Greedy decoding feeds back each step's arg-max: the same words as decoding the whole prediction with teacher forcing. */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "bahdanau"})
    void greedyDecodingAgreesWithTeacherForcingOnItsOwnOutput(String arch) {
        Seq2Seq net = tiny(arch).build(5, 6, Rng.seeded(3), Rng.seeded(4));
        Tensor[] b = tinyBatch();
        Seq2Seq.Prediction p = net.predict(b[0], b[1], 1, 3);
        float[] input = {1, p.tokens()[0][0], p.tokens()[0][1], 1, p.tokens()[1][0], p.tokens()[1][1]};
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            net.eval();
            float[] forced = net.forward(b[0], b[1], Tensor.of(input, 2, 3)).argmax(2, false).toFloatArray();
            for (int row = 0; row < 2; row++) {
                for (int t = 0; t < 3; t++) {
                    assertEquals(p.tokens()[row][t], (int) forced[row * 3 + t], arch + " row " + row + " step " + t);
                }
            }
        } finally {
            net.train();
        }
        if (arch.equals("gru")) {
            assertNull(p.attention());
        } else {
            assertNotNull(p.attention());
            // the second source has 2 valid words: its third gets no attention, and each step's weights sum to 1
            float[] w = p.attention()[1][2];
            assertEquals(0f, w[2]);
            assertEquals(1f, w[0] + w[1], 1e-6);
        }
    }

    /** Width 1 keeps the most likely word at every step: greedy decoding, up to its first {@code <eos>}. */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "bahdanau", "transformer"})
    void beamSearchOfWidthOneIsGreedy(String arch) {
        Seq2Seq net = tiny(arch).build(5, 6, Rng.seeded(3), Rng.seeded(4));
        Tensor[] b = tinyBatch();
        int eos = 2;
        Seq2Seq.Prediction greedy = net.predict(b[0], b[1], 1, 6);
        for (int row = 0; row < 2; row++) {
            Seq2Seq.Beam beam = net.beamSearch(b[0].slice(0, row, row + 1), b[1].slice(0, row, row + 1), 1, eos, 6, 1, 0.75);
            int[] g = greedy.tokens()[row];
            int end = 0;
            while (end < g.length && g[end] != eos) {
                end++;
            }
            assertArrayEquals(Arrays.copyOf(g, Math.min(end + 1, g.length)), beam.tokens(), arch + " row " + row);
        }
    }

    /**
     * A beam as wide as every sequence of 3 words over the 6 keeps them all: it must return the sequence of highest
     * {@code log P / L^0.75} of all, found here by scoring each sequence (ended by {@code <eos>} or by length) one word
     * at a time from a fresh decoding.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "bahdanau", "transformer"})
    void anExhaustiveBeamFindsTheBestScoringSequence(String arch) {
        Seq2Seq net = tiny(arch).build(5, 6, Rng.seeded(3), Rng.seeded(4));
        Tensor source = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor validLength = Tensor.of(new float[] {2}, 1);
        int eos = 2;
        int steps = 3;
        double bestScore = Double.NEGATIVE_INFINITY;
        int[] best = null;
        net.eval();
        try (NoGrad off = NoGrad.open()) {
            for (int code = 0; code < 6 * 6 * 6; code++) {
                int[] words = {code / 36, code / 6 % 6, code % 6};
                int length = words[0] == eos ? 1 : words[1] == eos ? 2 : 3;
                if (!allZeroAfter(words, length)) {
                    continue; // each shorter sequence once: the words after its <eos> all 0
                }
                try (Scope scope = Scope.open()) {
                    Seq2Seq.Decoding decoding = net.begin(source, validLength);
                    double logP = 0;
                    float previous = 1;
                    for (int t = 0; t < length; t++) {
                        float[] lp = decoding.decode(Tensor.of(new float[] {previous}, 1, 1)).logSoftmax(2).toFloatArray();
                        logP += lp[words[t]];
                        previous = words[t];
                    }
                    double score = logP / Math.pow(length, 0.75);
                    if (score > bestScore) {
                        bestScore = score;
                        best = Arrays.copyOf(words, length);
                    }
                }
            }
        } finally {
            net.train();
        }
        Seq2Seq.Beam beam = net.beamSearch(source, validLength, 1, eos, steps, 216, 0.75);
        assertArrayEquals(best, beam.tokens(), arch);
        assertEquals(bestScore, beam.score(), 1e-5, arch);
    }

    private static boolean allZeroAfter(int[] words, int length) {
        for (int i = length; i < words.length; i++) {
            if (words[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
