package org.jdive.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.EnvChecker;
import org.jdive.envs.Envs;
import org.junit.jupiter.api.Test;

class CustomEnvQLearningTest {

    @Test
    void theRegisteredCorridorKeepsTheEnvContract() {
        CustomEnvQLearning.register();
        CustomEnvQLearning.register(); // registering again is harmless
        try (Env env = Envs.make(CustomEnvQLearning.ID)) {
            EnvChecker.check(env); // Gymnasium's check_env: seeding, stepInto vs step, save/restore, rendering
            assertEquals(1f, env.reset(0).observation()[0], "episodes start in cell 1");
            var left = env.step(Corridor.LEFT);
            assertEquals(1f, left.reward());
            assertTrue(left.terminated());
        }
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        CustomEnvQLearning.register();
        var tooShort = assertThrows(IllegalArgumentException.class,
                () -> Envs.make(CustomEnvQLearning.ID, Map.of("length", 2)));
        assertTrue(tooShort.getMessage().contains("'length' must be >= 3"), tooShort.getMessage());
        var typo = assertThrows(IllegalArgumentException.class,
                () -> Envs.make(CustomEnvQLearning.ID, Map.of("lenght", 5)));
        assertTrue(typo.getMessage().contains("length"), typo.getMessage());
    }

    @Test
    void qLearningWalksPastTheSmallRewardToTheLargeOne() {
        var result = CustomEnvQLearning.train(300, 8, 0, System.out);

        for (int cell = 1; cell <= 6; cell++) {
            assertEquals(Corridor.RIGHT, result.policy()[cell], "the greedy action in cell " + cell);
        }
        assertEquals(10.0, result.greedyReturn(), "the greedy episode's return: the most there is");
        assertEquals(6, result.greedyLength(), "the shortest way to the +10");
    }

    @Test
    void theGreedyReturnIsTheOptimalOneForEveryLength() {
        // From cell 1 the +1 is one step away; the +10 is worth 10·γ^(length-3) with γ = 0.9, less than 1 from 25 cells on.
        for (int length = 3; length <= 30; length++) {
            double optimal = 10 * Math.pow(0.9, length - 3) > 1 ? 10 : 1;
            var result = CustomEnvQLearning.train(300, length, 0, new PrintStream(OutputStream.nullOutputStream()));
            assertEquals(optimal, result.greedyReturn(), "the greedy return in a corridor of " + length + " cells");
            assertEquals(optimal == 10 ? length - 2 : 1, result.greedyLength(), "by the shortest way");
        }
    }
}
