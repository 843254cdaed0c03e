package org.jdive.agents.onpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.agents.eval.PeriodicEvaluation;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;

class A2cTest {

    private static VectorEnv cartPoles(int n) {
        return Envs.makeVector("CartPole-v1", Map.of(), n, AutoresetMode.SAME_STEP, 1);
    }

    /**
     * rl-baselines3-zoo's CartPole settings (SB3's defaults, 8 envs), seeds 1 to 3: the greedy policy reaches a mean
     * of 475 over 10 episodes within 200k steps.
     */
    @Test
    void rlZoosSettingsBalanceCartPole() {
        for (int seed = 1; seed <= 3; seed++) {
            PeriodicEvaluation evaluation = new PeriodicEvaluation(() -> Envs.make("CartPole-v1"), 10_000, 10, 475, 1_000);
            try (VectorEnv envs = cartPoles(8); A2c a2c = new A2c(envs, new A2cConfig(), seed)) {
                PeriodicEvaluation.Outcome outcome = evaluation.run(a2c, 200_000, (point, best) -> { });
                assertTrue(outcome.reachedThreshold(), "seed " + seed + ": no greedy mean of 475 within 200k steps: "
                        + outcome.curve());
            }
        }
    }

    /**
     * With λ = 1 and every env's episode running on past the rollout, the advantages are the n-step returns
     * bootstrapped from the critic minus its values: {@code r_t + γ r_{t+1} + ... + γ^{n−t} V(s_n) − V(s_t)}.
     */
    @Test
    void lambdaOneGivesNStepReturns() {
        float[] rewards = {1, 1, 1};
        float[] values = {0.5f, 0.25f, 2f};
        Gae gae = Gae.compute(rewards, values, new boolean[3], new float[] {4f}, new boolean[1], 0.9, 1.0);
        assertEquals(1 + 0.9 * (1 + 0.9 * (1 + 0.9 * 4)), gae.returns()[0], 1e-5);
        assertEquals(1 + 0.9 * (1 + 0.9 * 4), gae.returns()[1], 1e-5);
        assertEquals(1 + 0.9 * (1 + 0.9 * 4) - 0.25, gae.advantages()[1], 1e-5);
    }

    @Test
    void theSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new A2cConfig().rmsPropAlpha(1.5f).validate());
        try (VectorEnv two = cartPoles(2)) {
            assertThrows(IllegalArgumentException.class, () -> new A2c(two, new A2cConfig(), 1), "8 envs configured");
        }
    }
}
