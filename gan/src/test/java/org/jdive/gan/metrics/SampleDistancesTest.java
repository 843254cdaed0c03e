package org.jdive.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class SampleDistancesTest {

    @Test
    void mmdMatchesTheUnbiasedEstimatorComputedByHand() {
        // dim 1: k(a, b) = (ab + 1)³. x = {0, 1}, y = {1, 2}.
        float[] x = {0f, 1f};
        float[] y = {1f, 2f};
        double xx = 1;                                        // k(0, 1) = 1, mean over i≠j
        double yy = Math.pow(3, 3);                           // k(1, 2) = 27
        double xy = (1 + 1 + 8 + 27) / 4.0;                   // k(0,1) k(0,2) k(1,1) k(1,2)
        assertEquals(xx + yy - 2 * xy, SampleDistances.mmdPolynomial(x, y, 1), 1e-12);
    }

    @Test
    void mmdIsNearZeroForOneDistributionAndGrowsWithAShift() {
        var rng = Rng.seeded(4);
        int dim = 16;
        float[] a = gaussian(300, dim, 0f, rng);
        float[] b = gaussian(300, dim, 0f, rng);
        float[] shifted = gaussian(300, dim, 0.5f, rng);
        double same = SampleDistances.mmdPolynomial(a, b, dim);
        double apart = SampleDistances.mmdPolynomial(a, shifted, dim);
        assertTrue(Math.abs(same) < 0.05, "same distribution: " + same);
        assertTrue(apart > 10 * Math.abs(same) && apart > 0.1, "shifted: " + apart + " vs " + same);
    }

    @Test
    void slicedWassersteinOfAShiftIsTheShiftInOneDimension() {
        float[] x = {0f, 3f, 1f, 7f};
        float[] y = {2.5f, 3.5f, 5.5f, 9.5f};                  // x + 2.5, shuffled
        assertEquals(2.5, SampleDistances.slicedWasserstein(x, y, 1, 5, Rng.seeded(1)), 1e-6);
        assertEquals(0.0, SampleDistances.slicedWasserstein(x, x, 1, 5, Rng.seeded(1)), 0);
    }

    @Test
    void badSetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SampleDistances.mmdPolynomial(new float[3], new float[4], 2));
        assertThrows(IllegalArgumentException.class, () -> SampleDistances.mmdPolynomial(new float[2], new float[4], 2));
        assertThrows(IllegalArgumentException.class,
                () -> SampleDistances.slicedWasserstein(new float[4], new float[6], 2, 3, Rng.seeded(0)));
    }

    private static float[] gaussian(int n, int dim, float mean, org.apache.commons.rng.UniformRandomProvider rng) {
        var g = Rng.gaussian(rng);
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + g.sample());
        }
        return v;
    }
}
