package org.jdive.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Step;
import org.junit.jupiter.api.Test;

/** CartPole against the published equations (Florian 2007, frictionless), integrated here independently. */
class CartPoleTest {

    private static final double G = 9.8;
    private static final double MC = 1.0;
    private static final double MP = 0.1;
    private static final double L = 0.5;
    private static final double TAU = 0.02;

    /** One Euler step of the cart-pole from Florian's equations (2) and (3) with zero friction. */
    private static double[] euler(double[] s, int action) {
        double f = action == 1 ? 10.0 : -10.0;
        double theta = s[2];
        double omega = s[3];
        double thetaAcc = (G * Math.sin(theta) + Math.cos(theta) * (-f - MP * L * omega * omega * Math.sin(theta)) / (MC + MP))
                / (L * (4.0 / 3.0 - MP * Math.cos(theta) * Math.cos(theta) / (MC + MP)));
        double xAcc = (f + MP * L * (omega * omega * Math.sin(theta) - thetaAcc * Math.cos(theta))) / (MC + MP);
        return new double[] {s[0] + TAU * s[1], s[1] + TAU * xAcc, s[2] + TAU * s[3], s[3] + TAU * thetaAcc};
    }

    private static boolean fallen(double[] s) {
        return Math.abs(s[0]) > 2.4 || Math.abs(s[2]) > 12 * Math.PI / 180;
    }

    static void assertFloatClose(double expected, float actual, String what) {
        float e = (float) expected;
        assertEquals(e, actual, Math.ulp(e), what);
    }

    @Test
    void trajectoryMatchesThePublishedDynamicsToFloatPrecision() {
        CartPole env = new CartPole(false);
        env.reset(42);
        double[] s = env.state();
        int[] actions = {1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1};
        for (int t = 0; t < 200; t++) {
            int a = actions[t % actions.length];
            s = euler(s, a);
            Step step = env.step(a);
            for (int i = 0; i < 4; i++) {
                assertFloatClose(s[i], step.observation()[i], "step " + t + " element " + i);
            }
            assertEquals(fallen(s), step.terminated(), "step " + t);
            if (step.terminated()) {
                assertEquals(1f, step.reward(), "the terminating step pays 1 too");
                return;
            }
            assertEquals(1f, step.reward());
        }
    }

    @Test
    void pushingRightAlwaysTipsThePoleLeftAfterAKnownNumberOfSteps() {
        CartPole env = new CartPole(false);
        env.reset(0);
        double[] s = env.state();
        int expectedSteps = 0;
        do {
            s = euler(s, 1);
            expectedSteps++;
        } while (!fallen(s));
        assertTrue(s[2] < 0, "the pole falls backwards");
        int steps = 0;
        Step step;
        do {
            step = env.step(1);
            steps++;
        } while (!step.terminated());
        assertEquals(expectedSteps, steps);
        assertEquals(0f, env.step(1).reward(), "steps beyond termination pay 0, as Gymnasium");
    }

    @Test
    void resetsDrawEachElementFromAHundredthWideUniform() {
        CartPole env = new CartPole(false);
        double min = 1;
        double max = -1;
        for (long seed = 0; seed < 200; seed++) {
            env.reset(seed);
            for (double v : env.state()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertTrue(min >= -0.05 && max < 0.05, min + " .. " + max);
        assertTrue(min < -0.045 && max > 0.045, "the whole range is used: " + min + " .. " + max);
    }

    @Test
    void suttonBartoRewardPaysMinusOneOnTermination() {
        Env env = Envs.make("CartPole-v1", Map.of("sutton_barto_reward", true));
        env.reset(0);
        Step step;
        do {
            step = env.step(0);
            if (!step.terminated()) {
                assertEquals(0f, step.reward());
            }
        } while (!step.terminated());
        assertEquals(-1f, step.reward());
    }

    @Test
    void episodesAreTruncatedAtFiveHundredSteps() {
        Env env = Envs.make("CartPole-v1");
        env.reset(1);
        Step step = null;
        int steps = 0;
        boolean balancing = true;
        while (balancing) {
            float thetaAndOmega = step == null ? 0 : step.observation()[2] + 0.5f * step.observation()[3];
            step = env.step(thetaAndOmega > 0 ? 1 : 0);
            steps++;
            balancing = !step.terminated() && !step.truncated();
        }
        assertFalse(step.terminated(), "a simple balancing policy keeps the pole up");
        assertTrue(step.truncated());
        assertEquals(500, steps);
    }
}
