package org.jdive.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.agents.eval.PeriodicEvaluation;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;

/**
 * A short, seeded learning run: rl-baselines3-zoo's CartPole-v1 DQN hyperparameters. Greedy evaluation every
 * 2,500 steps; seeds 1 to 5 first reach a mean of 475 over 10 episodes between 27,500 and 37,500 steps.
 */
class DqnCartPoleTest {

    static DqnConfig zooCartPole() {
        return new DqnConfig().learningRate(2.3e-3f).batchSize(64).bufferSize(100_000).learningStarts(1_000)
                .gamma(0.99).targetUpdateInterval(10).trainFrequency(256).gradientSteps(128)
                .exploration(1.0, 0.04, (long) (0.16 * 50_000)).hidden(256, 256).loss(DqnConfig.Loss.HUBER);
    }

    @Test
    void reachesTheSolvedThresholdWithinFiftyThousandSteps() {
        PeriodicEvaluation evaluation = new PeriodicEvaluation(() -> Envs.make("CartPole-v1"), 2_500, 10, 475, 1_000);
        try (VectorEnv envs = Envs.makeVector("CartPole-v1", Map.of(), 1, AutoresetMode.SAME_STEP, 1);
             Dqn dqn = new Dqn(envs, zooCartPole(), 1)) {
            PeriodicEvaluation.Outcome outcome = evaluation.run(dqn, 50_000, (point, best) -> { });
            assertTrue(outcome.reachedThreshold(), "no greedy mean return of 475 within 50k steps: " + outcome.curve());
        }
    }
}
