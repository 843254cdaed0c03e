package org.jdive.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {

    private static final int MODES = 8;

    @Test
    void identicalSetsHavePerfectPrecisionAndRecall() {
        float[] x = modes(50, MODES, Rng.seeded(1));
        PrecisionRecall.Result r = PrecisionRecall.of(x, x.clone(), 2, PrecisionRecall.DEFAULT_K);
        assertEquals(1.0, r.precision());
        assertEquals(1.0, r.recall());
    }

    @Test
    void disjointSetsHaveNeither() {
        float[] real = modes(50, MODES, Rng.seeded(2));
        float[] far = modes(50, MODES, Rng.seeded(3));
        for (int i = 0; i < far.length; i++) {
            far[i] += 1000f;
        }
        PrecisionRecall.Result r = PrecisionRecall.of(real, far, 2, PrecisionRecall.DEFAULT_K);
        assertEquals(0.0, r.precision());
        assertEquals(0.0, r.recall());
    }

    @Test
    void aGeneratorCoveringHalfTheModesIsPreciseWithHalfTheRecall() {
        // Real: 8 tight modes on a ring of radius 10; generated: as many points on modes 0–3 only.
        float[] real = modes(100, MODES, Rng.seeded(4));
        float[] half = modes(200, MODES / 2, Rng.seeded(5));
        PrecisionRecall.Result r = PrecisionRecall.of(real, half, 2, PrecisionRecall.DEFAULT_K);
        assertTrue(r.precision() > 0.95, "precision " + r.precision());
        assertEquals(0.5, r.recall(), 0.05, "recall");
    }

    @Test
    void kMustLeaveNeighboursInBothSets() {
        float[] x = modes(1, 3, Rng.seeded(6));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(x, x, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(x, x, 2, 0));
    }

    /** {@code perMode} points around each of the first {@code modes} of 8 centres on a ring of radius 10 (σ = 0.2). */
    private static float[] modes(int perMode, int modes, UniformRandomProvider rng) {
        var g = Rng.gaussian(rng);
        float[] points = new float[perMode * modes * 2];
        int p = 0;
        for (int m = 0; m < modes; m++) {
            double angle = 2 * Math.PI * m / MODES;
            for (int i = 0; i < perMode; i++) {
                points[p++] = (float) (10 * Math.cos(angle) + 0.2 * g.sample());
                points[p++] = (float) (10 * Math.sin(angle) + 0.2 * g.sample());
            }
        }
        return points;
    }
}
