package org.jdive.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class FeatureScoresTest {

    private static final int N = 300;
    private static final int DIM = 4;
    private static final FeatureScores.Extractor IDENTITY = (images, count) -> images;

    @Test
    void aGeneratorLikeTheDataScoresLikeTheFloorAndAShiftedOneWorse() {
        FeatureScores scores = new FeatureScores(IDENTITY, DIM, gaussian(0, Rng.seeded(1)), gaussian(0, Rng.seeded(2)), N);
        Map<String, Double> like = scores.score(gaussian(0, Rng.seeded(3)));
        Map<String, Double> shifted = scores.score(gaussian(3, Rng.seeded(3)));
        assertEquals(List.of("fd", "precision", "recall", "fd_real", "precision_real", "recall_real"),
                List.copyOf(like.keySet()));
        assertEquals(like.get("fd_real"), shifted.get("fd_real"));
        assertTrue(like.get("fd") < 2 * like.get("fd_real") + 0.05, like.toString());
        // Shifting every coordinate by 3 adds ‖μ₁ − μ₂‖² = 4 · 9 = 36 to the Fréchet distance.
        assertEquals(36, shifted.get("fd"), 2.0);
        assertTrue(shifted.get("precision") < 0.1 && shifted.get("recall") < 0.1, shifted.toString());
        assertTrue(like.get("precision") > 0.8 && like.get("recall") > 0.8, like.toString());
    }

    @Test
    void tooFewSamplesAreRefusedNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FeatureScores(IDENTITY, DIM, new float[12],
                new float[12], 3));
        assertTrue(e.getMessage().contains("eval.samples"), e.getMessage());
    }

    private static float[] gaussian(double shift, UniformRandomProvider rng) {
        var g = Rng.gaussian(rng);
        float[] v = new float[N * DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (shift + g.sample());
        }
        return v;
    }
}
