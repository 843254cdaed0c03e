package org.jdive.gan.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.junit.jupiter.api.Test;

class MixtureGanTest {

    /**
     * Metz et al.'s networks for 3 epochs of 25 steps on the ring. The trainer reports the coverage of every
     * epoch as it ends; it is the metric on 2,500 fresh samples, and a plain GAN this early (and, in longer runs
     * of MixtureBenchmark, for good: 0–1 of 8 modes over 25 epochs at seed 0) covers few of the eight modes.
     */
    @Test
    void aPlainGanOnTheRingReportsItsModeCountEveryEpoch() {
        var config = new MixtureGan.Config(12_800, 3, 512, 256, MixtureGan.Nets.relu(128, 2), 1e-4f, 1e-4f, 0.5f, 0.999f,
                new MixtureGan.CrossEntropy(), 0);
        List<MixtureGan.Report> heard = new ArrayList<>();
        List<MixtureGan.Report> reports;
        try (MixtureGan gan = new MixtureGan(GaussianMixture.ring8(), config, Backends.cpu())) {
            reports = gan.train(heard::add);
            ModeCoverage last = reports.get(2).coverage();
            ModeCoverage again = ModeCoverage.of(gan.mixture(), gan.generate(2500, Rng.split(0, "eval/epoch-2")));
            assertArrayEquals(again.perMode(), last.perMode(), "the report is the metric on the epoch's samples");
        }
        assertEquals(reports, heard);
        assertEquals(3, reports.size());
        for (MixtureGan.Report r : reports) {
            assertEquals(25, r.stats().steps());
            assertEquals(2500, r.coverage().samples());
            assertTrue(r.coverage().modesCaptured() < 8, "a plain GAN does not cover the ring: " + r);
            assertTrue(Float.isFinite(r.stats().lossD()) && Float.isFinite(r.stats().lossG()));
        }
    }
}
