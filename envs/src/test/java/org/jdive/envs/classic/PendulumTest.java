package org.jdive.envs.classic;

import static org.jdive.envs.classic.CartPoleTest.assertFloatClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Step;
import org.jdive.envs.spaces.Box;
import org.junit.jupiter.api.Test;

/** Pendulum-v1 against Gymnasium's published equations, integrated here independently. */
class PendulumTest {

    /** Gymnasium's {@code angle_normalize}, with Python's floored modulo. */
    private static double wrap(double x) {
        return x + Math.PI - 2 * Math.PI * Math.floor((x + Math.PI) / (2 * Math.PI)) - Math.PI;
    }

    @Test
    void aSwingOfTorquesFollowsTheEquationsAndTheirCosts() {
        Pendulum env = new Pendulum(10.0);
        env.reset(7);
        double[] s = env.state();
        assertTrue(Math.abs(s[0]) <= Math.PI && Math.abs(s[1]) <= 1, "reset in U(-π, π) × U(-1, 1)");
        for (int t = 0; t < 200; t++) {
            // a bang-bang swing-up, with torques past the limit to check the clip
            float u = (float) (s[1] >= 0 ? 3.0 : -2.5) * (t % 7 == 0 ? 0.3f : 1f);
            double clipped = Math.max(-2, Math.min(2, u));
            double cost = wrap(s[0]) * wrap(s[0]) + 0.1 * s[1] * s[1] + 0.001 * clipped * clipped;
            double thetaDot = Math.max(-8, Math.min(8, s[1] + (3 * 10.0 / 2 * Math.sin(s[0]) + 3.0 * clipped) * 0.05));
            s = new double[] {s[0] + thetaDot * 0.05, thetaDot};
            Step step = env.step(new float[] {u});
            assertFloatClose(Math.cos(s[0]), step.observation()[0], "cos θ at step " + t);
            assertFloatClose(Math.sin(s[0]), step.observation()[1], "sin θ at step " + t);
            assertFloatClose(s[1], step.observation()[2], "θ̇ at step " + t);
            assertFloatClose(-cost, step.reward(), "reward at step " + t);
            assertFalse(step.terminated());
        }
        assertTrue(Math.abs(wrap(s[0])) < 1.0, "the swing brings the pendulum near the top: θ = " + wrap(s[0]));
    }

    @Test
    void theAngleWrapsAsPythonsModuloDoes() {
        assertEquals(0, Pendulum.normalizeAngle(2 * Math.PI), 1e-12);
        assertEquals(-Math.PI, Pendulum.normalizeAngle(Math.PI), 1e-12);
        assertEquals(Math.PI - 0.5, Pendulum.normalizeAngle(-Math.PI - 0.5), 1e-12);
        assertEquals(-0.25, Pendulum.normalizeAngle(-0.25 - 4 * Math.PI), 1e-9);
    }

    @Test
    void theRegistryGivesGymnasiumsSpacesTimeLimitAndGravityOption() {
        Env env = Envs.make("Pendulum-v1", Map.of("g", 9.81));
        assertEquals(Box.uniform(-2, 2, 1), env.actionSpace());
        assertArrayEquals(new int[] {3}, env.observationSpace().shape());
        env.reset(0);
        Step step = null;
        for (int t = 0; t < 200; t++) {
            step = env.step(new float[] {0});
        }
        assertTrue(step.truncated() && !step.terminated(), "200 steps, then truncated");
        Pendulum bare = (Pendulum) env.unwrapped();
        double[] before = bare.state();
        bare.step(new float[] {0});
        assertEquals(before[1] + 3 * 9.81 / 2 * Math.sin(before[0]) * 0.05, bare.state()[1], 1e-9);
    }

    @Test
    void aDiscreteActionOrAWrongLengthIsRefused() {
        Pendulum env = new Pendulum(10);
        env.reset(0);
        IllegalArgumentException discrete = assertThrows(IllegalArgumentException.class, () -> env.step(1));
        assertTrue(discrete.getMessage().contains("vector"), discrete.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {0, 1}));
    }
}
