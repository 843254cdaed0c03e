package org.jdive.envs.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.EchoEnv;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Rng;
import org.junit.jupiter.api.Test;

class VectorEnvTest {

    @Test
    void nextStepModeResetsOnTheStepAfterTheEndAndIgnoresItsAction() {
        try (VectorEnv vec = new VectorEnv(() -> new EchoEnv(2), 2, AutoresetMode.NEXT_STEP, 1)) {
            vec.reset(0);
            float[] firstStart = {vec.observations()[2], vec.observations()[5]};
            vec.step(new int[] {1, 2});
            vec.step(new int[] {3, 3});
            assertArrayEquals(new boolean[] {true, true}, vec.terminated());
            assertArrayEquals(new float[] {3, 2, firstStart[0], 3, 2, firstStart[1]}, vec.observations());
            vec.step(new int[] {1, 1});
            assertArrayEquals(new float[] {0, 0}, vec.rewards());
            assertArrayEquals(new boolean[] {false, false}, vec.terminated());
            assertEquals(-1f, vec.observations()[0], "the action was ignored: a fresh episode");
            assertEquals(0f, vec.observations()[1]);
            vec.step(new int[] {2, 1});
            assertArrayEquals(new float[] {2, 1}, vec.rewards());
        }
    }

    @Test
    void sameStepModeResetsAtOnceAndKeepsTheFinalObservation() {
        try (VectorEnv vec = new VectorEnv(() -> new EchoEnv(2), 2, AutoresetMode.SAME_STEP, 1)) {
            vec.reset(0);
            vec.step(new int[] {1, 2});
            assertArrayEquals(new boolean[] {false, false}, vec.hasFinalObservation());
            vec.step(new int[] {3, 1});
            assertArrayEquals(new boolean[] {true, true}, vec.terminated());
            assertArrayEquals(new float[] {3, 1}, vec.rewards());
            assertArrayEquals(new boolean[] {true, true}, vec.hasFinalObservation());
            assertEquals(3f, vec.finalObservations()[0]);
            assertEquals(2f, vec.finalObservations()[1]);
            assertEquals(-1f, vec.observations()[0], "already the first observation of the next episode");
            assertEquals(0f, vec.observations()[1]);
            vec.step(new int[] {2, 2});
            assertArrayEquals(new float[] {2, 2}, vec.rewards());
            assertArrayEquals(new boolean[] {false, false}, vec.hasFinalObservation());
        }
    }

    @Test
    void subEnvIsSeededWithSeedPlusItsIndex() {
        try (VectorEnv vec = Envs.makeVector("CartPole-v1", 3)) {
            vec.reset(100);
            for (int i = 0; i < 3; i++) {
                float[] single = Envs.make("CartPole-v1").reset(100 + i).observation();
                assertArrayEquals(single, Arrays.copyOfRange(vec.observations(), 4 * i, 4 * i + 4));
            }
        }
    }

    @Test
    void threadedStepsGiveTheSameResultsAsSequentialOnes() {
        for (AutoresetMode mode : AutoresetMode.values()) {
            try (VectorEnv sequential = Envs.makeVector("CartPole-v1", Map.of(), 7, mode, 1);
                 VectorEnv threaded = Envs.makeVector("CartPole-v1", Map.of(), 7, mode, 2)) {
                sequential.reset(3);
                threaded.reset(3);
                UniformRandomProvider rng = Rng.seeded(1);
                int[] actions = new int[7];
                int episodesEnded = 0;
                for (int t = 0; t < 400; t++) {
                    for (int i = 0; i < actions.length; i++) {
                        actions[i] = rng.nextInt(2);
                    }
                    sequential.step(actions);
                    threaded.step(actions);
                    assertArrayEquals(sequential.observations(), threaded.observations(), "step " + t);
                    assertArrayEquals(sequential.rewards(), threaded.rewards());
                    assertArrayEquals(sequential.terminated(), threaded.terminated());
                    assertArrayEquals(sequential.truncated(), threaded.truncated());
                    for (boolean ended : sequential.terminated()) {
                        episodesEnded += ended ? 1 : 0;
                    }
                }
                assertTrue(episodesEnded > 50, "random CartPole episodes end often: " + episodesEnded);
            }
        }
    }

    @Test
    void workerFailuresReachTheCaller() {
        try (VectorEnv vec = new VectorEnv(() -> new EchoEnv(5), 4, AutoresetMode.NEXT_STEP, 2)) {
            vec.reset(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vec.step(new int[] {0, 0, 0, 9}));
            assertTrue(e.getMessage().contains("action 9"), e.getMessage());
        }
    }

    @Test
    void stepRequiresAResetAndOneActionPerEnv() {
        try (VectorEnv vec = new VectorEnv(() -> new EchoEnv(5), 2, AutoresetMode.NEXT_STEP, 1)) {
            assertThrows(IllegalStateException.class, () -> vec.step(new int[2]));
            vec.reset();
            assertThrows(IllegalArgumentException.class, () -> vec.step(new int[3]));
            assertFalse(vec.terminated()[0]);
        }
    }

    @Test
    void subEnvsKeepTheirWrappers() {
        try (VectorEnv vec = Envs.makeVector("CartPole-v1", Map.of("max_episode_steps", 3), 2, AutoresetMode.NEXT_STEP, 1)) {
            vec.reset(0);
            int[] right = {1, 0};
            vec.step(right);
            vec.step(right);
            vec.step(right);
            assertArrayEquals(new boolean[] {true, true}, vec.truncated());
            Env first = vec.env(0);
            assertTrue(first.lastTruncated());
        }
    }

    @Test
    void restoredStateContinuesExactlyInAFreshVectorEnvMidEpisode() {
        for (AutoresetMode mode : AutoresetMode.values()) {
            for (String id : new String[] {"CartPole-v1", "MinAtar/Seaquest-v1"}) {
                try (VectorEnv original = Envs.makeVector(id, Map.of("max_episode_steps", 40), 3, mode, 1);
                     VectorEnv restored = Envs.makeVector(id, Map.of("max_episode_steps", 40), 3, mode, 1)) {
                    UniformRandomProvider actions = Rng.seeded(5);
                    int n = ((org.jdive.envs.spaces.Discrete) original.singleActionSpace()).n();
                    int[] step = new int[3];
                    original.reset(11);
                    for (int t = 0; t < 57; t++) {
                        fill(step, actions, n);
                        original.step(step);
                    }
                    restored.restoreState(original.saveState());
                    for (int t = 0; t < 100; t++) {
                        fill(step, actions, n);
                        original.step(step);
                        restored.step(step);
                        String where = id + " " + mode + " step " + t + " after the restore";
                        assertArrayEquals(original.observations(), restored.observations(), where);
                        assertArrayEquals(original.rewards(), restored.rewards(), where);
                        assertArrayEquals(original.terminated(), restored.terminated(), where);
                        assertArrayEquals(original.truncated(), restored.truncated(), where);
                    }
                }
            }
        }
    }

    @Test
    void stateOfAnotherShapeIsRejected() {
        try (VectorEnv three = Envs.makeVector("CartPole-v1", 3); VectorEnv two = Envs.makeVector("CartPole-v1", 2)) {
            three.reset(0);
            assertThrows(IllegalArgumentException.class, () -> two.restoreState(three.saveState()));
        }
        try (VectorEnv cartPole = Envs.makeVector("CartPole-v1", 1); VectorEnv acrobot = Envs.makeVector("Acrobot-v1", 1)) {
            cartPole.reset(0);
            assertThrows(IllegalArgumentException.class, () -> acrobot.restoreState(cartPole.saveState()));
        }
    }

    private static void fill(int[] step, UniformRandomProvider rng, int n) {
        for (int i = 0; i < step.length; i++) {
            step[i] = rng.nextInt(n);
        }
    }
}
