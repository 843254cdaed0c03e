package org.jdive.agents.onpolicy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.agents.eval.PeriodicEvaluation;
import org.jdive.agents.onpolicy.ReinforceConfig.Baseline;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;

class ReinforceTest {

    private static VectorEnv cartPoles(int n) {
        return Envs.makeVector("CartPole-v1", Map.of(), n, AutoresetMode.SAME_STEP, 1);
    }

    /**
     * SLM-Lab's settings, seeds 1 to 3, for each baseline that SLM-Lab and Sutton and Barto use: the greedy policy
     * reaches a mean of 475 over 10 episodes within 200k steps.
     */
    @Test
    void slmLabsSettingsBalanceCartPole() {
        for (Baseline baseline : new Baseline[] {Baseline.MEAN, Baseline.VALUE}) {
            for (int seed = 1; seed <= 3; seed++) {
                PeriodicEvaluation evaluation = new PeriodicEvaluation(() -> Envs.make("CartPole-v1"), 10_000, 10, 475,
                        1_000);
                try (VectorEnv envs = cartPoles(4);
                     Reinforce agent = new Reinforce(envs, new ReinforceConfig().baseline(baseline), seed)) {
                    PeriodicEvaluation.Outcome outcome = evaluation.run(agent, 200_000, (point, best) -> { });
                    assertTrue(outcome.reachedThreshold(), baseline + " seed " + seed
                            + ": no greedy mean of 475 within 200k steps: " + outcome.curve());
                }
            }
        }
    }

    /** A finished episode's steps carry their discounted returns-to-go; a running one waits. */
    @Test
    void episodesJoinTheBatchWholeWithTheirReturnsToGo() {
        EpisodeBatch batch = new EpisodeBatch(2, 1, 1, 3, 0.5);
        boolean[] none = new boolean[2];
        batch.add(new float[] {10, 20}, none, new float[] {0, 1}, null, null, new float[] {1, 4}, new boolean[2]);
        batch.add(new float[] {11, 21}, none, new float[] {1, 1}, null, null, new float[] {2, 4}, new boolean[] {true, false});
        assertEquals(2, batch.size());
        assertFalse(batch.full());
        assertArrayEquals(new float[] {1 + 0.5f * 2, 2}, batch.returns());
        batch.add(new float[] {12, 22}, none, new float[] {0, 0}, null, null, new float[] {1, 8},
                new boolean[] {false, true});
        assertTrue(batch.full());
        assertArrayEquals(new float[] {10, 11, 20, 21, 22}, batch.observations());
        assertArrayEquals(new float[] {0, 1, 1, 1, 0}, batch.actions());
        assertArrayEquals(new float[] {2, 2, 4 + 0.5f * (4 + 0.5f * 8), 4 + 0.5f * 8, 8}, batch.returns());
        batch.clear();
        assertEquals(0, batch.size());
    }

    @Test
    void onlyTheValueBaselineLearnsACritic() {
        try (VectorEnv envs = cartPoles(4);
             Reinforce plain = new Reinforce(envs, new ReinforceConfig().baseline(Baseline.NONE), 1)) {
            assertFalse(plain.hasCritic());
            assertThrows(IllegalStateException.class, () -> plain.value(new float[4]));
        }
        try (VectorEnv envs = cartPoles(4);
             Reinforce withValue = new Reinforce(envs, new ReinforceConfig().baseline(Baseline.VALUE), 1)) {
            assertTrue(withValue.hasCritic());
            assertEquals(4, withValue.statNames().size());
        }
    }

    @Test
    void theEntropyWeightDecaysLinearly() {
        ReinforceConfig config = new ReinforceConfig().entCoef(0.01f).entCoefFinal(0.002f).entDecaySteps(1_000);
        assertEquals(0.01f, config.entCoefAt(0), 1e-9);
        assertEquals(0.006f, config.entCoefAt(500), 1e-9);
        assertEquals(0.002f, config.entCoefAt(5_000), 1e-9);
    }
}
