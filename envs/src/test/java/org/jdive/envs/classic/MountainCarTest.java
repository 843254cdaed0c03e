package org.jdive.envs.classic;

import static org.jdive.envs.classic.CartPoleTest.assertFloatClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.envs.Step;
import org.junit.jupiter.api.Test;

/** MountainCar against Moore's dynamics as Gymnasium publishes them, integrated here independently. */
class MountainCarTest {

    /** One step: the velocity update, its clip, the position update, its clip, the inelastic left wall. */
    private static double[] dynamics(double[] s, int action) {
        double v = s[1] + (action - 1) * 0.001 - 0.0025 * Math.cos(3 * s[0]);
        v = Math.max(-0.07, Math.min(0.07, v));
        double p = Math.max(-1.2, Math.min(0.6, s[0] + v));
        if (p == -1.2 && v < 0) {
            v = 0;
        }
        return new double[] {p, v};
    }

    @Test
    void energyPumpingPolicyFollowsTheDynamicsToTheFlag() {
        MountainCar env = new MountainCar(0);
        env.reset(3);
        double[] s = env.state();
        assertTrue(s[0] >= -0.6 && s[0] < -0.4 && s[1] == 0, "reset at rest in U(-0.6, -0.4)");
        for (int t = 0; t < 200; t++) {
            int a = s[1] < 0 ? 0 : 2;
            s = dynamics(s, a);
            Step step = env.step(a);
            assertFloatClose(s[0], step.observation()[0], "position at step " + t);
            assertFloatClose(s[1], step.observation()[1], "velocity at step " + t);
            assertEquals(-1f, step.reward());
            assertEquals(s[0] >= 0.5 && s[1] >= 0, step.terminated(), "step " + t);
            if (step.terminated()) {
                return;
            }
        }
        throw new AssertionError("the energy-pumping policy reaches the flag within 200 steps");
    }

    @Test
    void theLeftWallStopsTheCar() {
        MountainCar env = new MountainCar(0);
        env.reset(0);
        boolean hitWall = false;
        double[] s = env.state();
        for (int t = 0; t < 200 && !hitWall; t++) {
            int a = s[1] < 0 ? 0 : 2;
            s = dynamics(s, a);
            Step step = env.step(a);
            assertFloatClose(s[0], step.observation()[0], "position at step " + t);
            hitWall = step.observation()[0] == (float) -1.2;
            if (hitWall) {
                assertEquals(0f, step.observation()[1], "the wall zeroes the velocity");
            }
        }
        assertTrue(hitWall, "the energy-pumping policy swings back to the left wall");
    }
}
