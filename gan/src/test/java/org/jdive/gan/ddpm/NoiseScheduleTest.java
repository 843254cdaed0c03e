package org.jdive.gan.ddpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The forward process's quantities against their closed forms. */
class NoiseScheduleTest {

    @Test
    void theLinearScheduleRunsFromBetaStartToBetaEndInEqualSteps() {
        NoiseSchedule s = NoiseSchedule.linear(1000, 1e-4, 0.02);
        assertEquals(1000, s.steps());
        assertEquals(1e-4, s.beta(0), 1e-15);
        assertEquals(0.02, s.beta(999), 1e-15);
        assertEquals(1e-4 + (0.02 - 1e-4) * 500 / 999, s.beta(500), 1e-15);
        assertEquals(1 - s.beta(500), s.alpha(500), 1e-15);
    }

    @Test
    void alphaBarIsTheProductOfTheAlphas() {
        // a constant β = b gives ᾱ_t = (1 - b)^(t+1)
        NoiseSchedule constant = NoiseSchedule.linear(50, 0.1, 0.1);
        for (int t : new int[] {0, 1, 10, 49}) {
            assertEquals(Math.pow(0.9, t + 1), constant.alphaBar(t), 1e-12, "t = " + t);
        }
        // the paper's schedule: ᾱ_T = exp(Σ log(1 - β_t)) ≈ 4.04e-5, so x_T is nearly pure noise
        NoiseSchedule paper = NoiseSchedule.linear(1000, 1e-4, 0.02);
        double logSum = 0;
        for (int t = 0; t < 1000; t++) {
            logSum += Math.log1p(-(1e-4 + (0.02 - 1e-4) * t / 999));
        }
        assertEquals(Math.exp(logSum), paper.alphaBar(999), 1e-12);
        assertEquals(4.04e-5, paper.alphaBar(999), 0.01e-5);
        assertEquals(1 - 1e-4, paper.alphaBar(0), 1e-15);
        assertEquals(1, paper.alphaBarBefore(0));
        assertEquals(paper.alphaBar(41), paper.alphaBarBefore(42));
    }

    @Test
    void thePosteriorVarianceIsBetaTilde() {
        NoiseSchedule s = NoiseSchedule.linear(1000, 1e-4, 0.02);
        assertEquals(0, s.posteriorVariance(0), 0, "q(x_0 | x_1, x_0) is a point");
        int t = 300;
        double expected = (1 - s.alphaBar(t - 1)) / (1 - s.alphaBar(t)) * s.beta(t);
        assertEquals(expected, s.posteriorVariance(t), 1e-15);
        // β̃_t ≤ β_t, and the two meet as ᾱ vanishes
        assertEquals(s.beta(999), s.posteriorVariance(999), 1e-6);
    }

    @Test
    void badSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(0, 1e-4, 0.02));
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(10, 0.02, 1e-4));
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(10, 0, 0.02));
        assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(10, 1e-4, 1));
    }
}
