package org.jdive.agents.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class EpsilonScheduleTest {

    @Test
    void linearFallsThenHolds() {
        EpsilonSchedule s = EpsilonSchedule.linear(1.0, 0.1, 100_000);
        assertEquals(1.0, s.epsilon(0), 1e-12);
        assertEquals(0.55, s.epsilon(50_000), 1e-12);
        assertEquals(0.1, s.epsilon(100_000), 1e-12);
        assertEquals(0.1, s.epsilon(5_000_000), 1e-12);
    }

    @Test
    void exponentialDecaysToItsFloor() {
        EpsilonSchedule s = EpsilonSchedule.exponential(1.0, 0.05, 0.99);
        assertEquals(Math.pow(0.99, 10), s.epsilon(10), 1e-12);
        assertEquals(0.05, s.epsilon(10_000), 1e-12);
        assertEquals(0.3, EpsilonSchedule.constant(0.3).epsilon(123), 0);
    }

    @Test
    void badRatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.constant(1.5));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.linear(1, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.exponential(1, 0.1, 1.5));
    }

    @Test
    void epsilonGreedyExploresAtRateEpsilon() {
        UniformRandomProvider rng = Rng.seeded(5);
        double[] q = {0.1, 0.9, 0.3, 0.2};
        int[] counts = new int[4];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[EpsilonGreedy.choose(q, 0.2, rng)]++;
        }
        for (int a = 0; a < 4; a++) {
            assertEquals(EpsilonGreedy.probability(q, a, 0.2), (double) counts[a] / n, 0.005, "action " + a);
        }
        assertEquals(0.85, EpsilonGreedy.probability(q, 1, 0.2), 1e-12);
        float[] flat = {5f, 1f, 2f, 9f, 9f, 0f};
        assertEquals(0, EpsilonGreedy.choose(flat, 3, 3, 0.0, rng), "first maximum of the row at offset 3");
    }
}
