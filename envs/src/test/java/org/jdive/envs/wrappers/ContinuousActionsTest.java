package org.jdive.envs.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Step;
import org.jdive.envs.classic.Pendulum;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;

/** The wrappers of continuous control, each against the same steps taken by hand on a bare env. */
class ContinuousActionsTest {

    /** Steps a bare Pendulum with {@code torque} from the state {@code wrapped} reached, for comparison. */
    private static Step byHand(Env wrapped, float torque) {
        Pendulum bare = new Pendulum(10);
        bare.restoreState(wrapped.unwrapped().saveState());
        return bare.step(new float[] {torque});
    }

    @Test
    void rescaleActionMapsMinusOneToOneOntoPendulumsTorques() {
        RescaleAction env = new RescaleAction(new Pendulum(10), -1, 1);
        assertEquals(Box.uniform(-1, 1, 1), env.actionSpace());
        env.reset(3);
        for (float a : new float[] {-1f, -0.5f, 0f, 0.25f, 1f, 1.5f}) {
            Step expected = byHand(env, Math.min(2f, 2 * a));
            Step step = env.step(new float[] {a});
            assertArrayEquals(expected.observation(), step.observation(), "action " + a);
            assertEquals(expected.reward(), step.reward(), "action " + a);
        }
        assertThrows(IllegalArgumentException.class, () -> new RescaleAction(new Pendulum(10), 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new RescaleAction(Envs.make("CartPole-v1"), -1, 1));
    }

    @Test
    void clipActionKeepsActionsInsideTheBoxAndOpensItsOwnSpace() {
        ClipAction env = new ClipAction(new Pendulum(10));
        assertEquals(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1), env.actionSpace());
        env.reset(1);
        Step expected = byHand(env, 2f);
        Step step = env.step(new float[] {7f});
        assertArrayEquals(expected.observation(), step.observation());
        assertEquals(expected.reward(), step.reward(), "the cost counts the clipped torque");
    }

    @Test
    void normalizeRewardDividesByTheRunningStdOfTheDiscountedReturn() {
        NormalizeReward env = new NormalizeReward(new Pendulum(10), 0.9);
        env.reset(2);
        double g = 0;
        double mean = 0;
        double var = 1;
        double count = 1e-4;
        for (int t = 0; t < 50; t++) {
            Step raw = byHand(env, 0.5f);
            Step step = env.step(new float[] {0.5f});
            g = 0.9 * g + raw.reward();
            double total = count + 1;
            double delta = g - mean;
            mean += delta / total;
            var = (var * count + delta * delta * count / total) / total;
            count = total;
            assertEquals((float) (raw.reward() / Math.sqrt(var + 1e-8)), step.reward(), 1e-6f, "step " + t);
        }
        assertEquals(var, env.variance(), 1e-12);
    }

    @Test
    void clipObservationBoundsEveryElement() {
        ClipObservation env = new ClipObservation(new Pendulum(10), -0.5f, 0.5f);
        float[] obs = env.reset(0).observation();
        for (int t = 0; t < 20; t++) {
            for (float x : obs) {
                assertTrue(x >= -0.5f && x <= 0.5f, "element " + x);
            }
            obs = env.step(new float[] {2f}).observation();
        }
    }

    @Test
    void aVectorEnvStepsContinuousActionsAndAutoresetsAtTheTimeLimit() {
        try (VectorEnv vec = new VectorEnv(() -> Envs.make("Pendulum-v1", Map.of()), 2, AutoresetMode.SAME_STEP, 1);
             Env single = Envs.make("Pendulum-v1")) {
            vec.reset(10);
            single.reset(11);
            for (int t = 0; t < 200; t++) {
                float a = (float) Math.sin(t);
                Step step = single.step(new float[] {a});
                vec.step(new float[] {-a, a});
                assertEquals(step.reward(), vec.rewards()[1], "step " + t);
                assertEquals(step.truncated(), vec.truncated()[1], "step " + t);
            }
            assertTrue(vec.truncated()[0] && vec.truncated()[1], "Pendulum's 200-step limit");
            assertThrows(IllegalArgumentException.class, () -> vec.step(new float[] {1f}), "two envs, one value");
        }
    }

    @Test
    void aDiscreteActionAsAVectorGoesThroughTheWrappersIntHooks() {
        Env plain = Envs.make("CartPole-v1");
        Env vectorStepped = Envs.make("CartPole-v1");
        plain.reset(4);
        vectorStepped.reset(4);
        for (int t = 0; t < 20; t++) {
            int a = t % 3 == 0 ? 1 : 0;
            assertArrayEquals(plain.step(a).observation(), vectorStepped.step(new float[] {a}).observation());
        }
        assertThrows(IllegalArgumentException.class, () -> vectorStepped.step(new float[] {0.5f}));
        assertThrows(IllegalArgumentException.class, () -> vectorStepped.step(new float[] {2f}));
    }
}
