package org.jdive.gan.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.gan.EpochStats;
import org.jdive.gan.Moments;
import org.junit.jupiter.api.Test;

class ToyGanTest {

    /**
     * D2L's run reaches the data's Gaussian only roughly, and how roughly depends on the seed. Over seeds 0–9
     * (ToySeedsMain, 20,000 generated points each) the mean's error per coordinate was 0.0–0.3 for eight seeds
     * and up to 0.7 for the other two, the covariance entries within 25% of AᵀA for seven. Seed 0 is a typical
     * one (mean [0.85, 2.00], covariance [[0.99, 2.05], [2.05, 4.83]]); the tolerances below leave it room.
     */
    @Test
    void d2lToyGanLearnsTheMeanAndCovarianceOfTheData() {
        try (ToyGan gan = new ToyGan(ToyGan.Config.d2l(0), Backends.cpu())) {
            Moments before = Moments.of(gan.generate(20_000, Rng.split(0, "eval")), 2);
            assertTrue(before.covariance()[1][1] < 0.05, "N(0, 0.02²) weights generate a tiny spread at first");

            List<EpochStats> epochs = gan.train();
            assertEquals(20, epochs.size());
            assertEquals(125, epochs.get(0).steps(), "1,000 points in batches of 8");

            Moments m = Moments.of(gan.generate(20_000, Rng.split(0, "eval")), 2);
            double[][] target = ToyData.covariance();     // [[1.01, 1.95], [1.95, 4.25]]
            for (int d = 0; d < 2; d++) {
                assertEquals(ToyData.B[d], m.mean()[d], 0.3, "mean[" + d + "] should be near b");
                for (int e = 0; e < 2; e++) {
                    assertEquals(target[d][e], m.covariance()[d][e], 0.25 * Math.abs(target[d][e]),
                            "covariance[" + d + "][" + e + "] should be within 25% of AᵀA");
                }
            }
            // At the game's equilibrium D cannot tell real from fake: D(x) ≈ D(G(z)) ≈ 1/2, each loss ≈ ln 2.
            EpochStats last = epochs.get(epochs.size() - 1);
            assertEquals(Math.log(2), last.lossD(), 0.01);
            assertEquals(Math.log(2), last.lossG(), 0.01);
            assertEquals(0.5, last.dReal(), 0.02);
            assertEquals(0.5, last.dFake(), 0.02);
        }
    }

    @Test
    void theDataHaveTheBooksDistribution() {
        Moments m = Moments.of(ToyData.sample(200_000, Rng.seeded(3)), 2);
        double[][] target = ToyData.covariance();
        assertEquals(1.01, target[0][0], 1e-6);
        assertEquals(1.95, target[0][1], 1e-6);
        assertEquals(4.25, target[1][1], 1e-6);
        for (int d = 0; d < 2; d++) {
            assertEquals(ToyData.B[d], m.mean()[d], 0.02);
            for (int e = 0; e < 2; e++) {
                assertEquals(target[d][e], m.covariance()[d][e], 0.03);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameGenerator() {
        ToyGan.Config shortRun = new ToyGan.Config(200, 2, 8, 0.05f, 0.005f, 0.02f, 11);
        float[] a;
        float[] b;
        try (ToyGan gan = new ToyGan(shortRun, Backends.cpu())) {
            gan.train();
            a = gan.generate(50, Rng.seeded(1));
        }
        try (ToyGan gan = new ToyGan(shortRun, Backends.cpu())) {
            gan.train();
            b = gan.generate(50, Rng.seeded(1));
        }
        assertArrayEquals(a, b);
    }
}
