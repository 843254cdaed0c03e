package org.jdive.envs.classic;

import static org.jdive.envs.classic.CartPoleTest.assertFloatClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Step;
import org.junit.jupiter.api.Test;

/** MountainCarContinuous-v0 against Gymnasium's published equations, integrated here independently. */
class MountainCarContinuousTest {

    /** One step with the force clipped to [-1, 1], the state then stored as float32 as Gymnasium stores it. */
    private static double[] dynamics(double[] s, float action) {
        double force = Math.max(-1, Math.min(1, action));
        double v = s[1] + force * 0.0015 - 0.0025 * Math.cos(3 * s[0]);
        v = Math.max(-0.07, Math.min(0.07, v));
        double p = Math.max(-1.2, Math.min(0.6, s[0] + v));
        if (p == -1.2 && v < 0) {
            v = 0;
        }
        return new double[] {(float) p, (float) v};
    }

    @Test
    void energyPumpingReachesTheFlagWithItsBonusAndActionCosts() {
        MountainCarContinuous env = new MountainCarContinuous(0);
        env.reset(5);
        double[] s = env.state();
        assertTrue(s[0] >= -0.6 && s[0] < -0.4 && s[1] == 0, "reset at rest in U(-0.6, -0.4)");
        for (int t = 0; t < 999; t++) {
            float a = s[1] < 0 ? -1.5f : 0.8f; // -1.5 is clipped for the force but costs 0.225
            s = dynamics(s, a);
            Step step = env.step(new float[] {a});
            assertFloatClose(s[0], step.observation()[0], "position at step " + t);
            assertFloatClose(s[1], step.observation()[1], "velocity at step " + t);
            boolean atFlag = s[0] >= 0.45 && s[1] >= 0;
            assertEquals(atFlag, step.terminated(), "step " + t);
            assertFloatClose((atFlag ? 100 : 0) - 0.1 * a * a, step.reward(), "reward at step " + t);
            if (atFlag) {
                return;
            }
        }
        throw new AssertionError("energy pumping reaches the flag within 999 steps");
    }

    @Test
    void theRegistryCutsEpisodesAt999Steps() {
        Env env = Envs.make("MountainCarContinuous-v0");
        env.reset(0);
        Step step = null;
        int t = 0;
        do {
            step = env.step(new float[] {0});
            t++;
        } while (!step.truncated() && !step.terminated());
        assertEquals(999, t);
        assertTrue(step.truncated() && !step.terminated(), "doing nothing never reaches the flag");
    }
}
