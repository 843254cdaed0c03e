package org.jdive.models.translate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.DataHome;
import org.jdive.core.optim.Adam;
import org.jdive.models.classify.EpochStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Training and greedy translation end to end: each architecture, small, learns to translate the pairs it sees. */
class TranslatorTest {

    private static final int PAIRS = 64;
    private static final int STEPS = 60;

    /**
     * Full-batch Adam on the first 64 pairs until the greedy translations match their labels (words outside the book's
     * vocabulary read as {@code <unk>}, as the model sees them; some English sentences have two translations, so 1 is out
     * of reach). Untrained, the mean BLEU is 0; with seed 0 the three reach 0.55 (GRU), 0.67 (Bahdanau) and 0.65
     * (Transformer) after 60 steps.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gru", "bahdanau", "transformer"})
    void learnsToTranslateItsTrainingPairs(String arch) throws IOException {
        FraEng data = FraEng.load(DataHome.find(FraEng.NAME), 9, 512, 128);
        Seq2SeqSettings settings = new Seq2SeqSettings(arch, 32, 64, 1, 64, 2, 0, 0.01, 1, PAIRS);
        Seq2Seq net = settings.build(data.sourceVocab().size(), data.targetVocab().size(), Rng.split(0, "init"),
                new EpochStream(0, "dropout"));
        Translator translator = new Translator(net, new Adam(net.parameters(), (float) settings.learningRate()),
                (float) settings.gradClip(), data.targetVocab());
        FraEng.Examples pairs = data.train().range(0, PAIRS);
        List<String> labels = labels(pairs, data);
        double before = translator.meanBleu(pairs, labels, Backends.getDefault());
        for (int step = 0; step < STEPS; step++) {
            translator.step(pairs, Backends.getDefault());
        }
        double after = translator.meanBleu(pairs, labels, Backends.getDefault());
        assertTrue(before < 0.1 && after > 0.45, arch + ": mean BLEU on its " + PAIRS + " training pairs " + before
                + " before, " + after + " after");
    }

    /** Each pair's labels up to {@code <eos>}, as words of the target vocabulary. */
    private static List<String> labels(FraEng.Examples pairs, FraEng data) {
        List<String> out = new ArrayList<>();
        for (int row = 0; row < pairs.count(); row++) {
            List<String> words = new ArrayList<>();
            for (int t = 0; t < pairs.numSteps(); t++) {
                String w = data.targetVocab().token((int) pairs.labels()[row * pairs.numSteps() + t]);
                if (w.equals(FraEng.EOS)) {
                    break;
                }
                words.add(w);
            }
            out.add(String.join(" ", words));
        }
        return out;
    }
}
