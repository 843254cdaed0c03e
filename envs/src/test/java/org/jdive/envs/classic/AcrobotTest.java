package org.jdive.envs.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdive.envs.Step;
import org.junit.jupiter.api.Test;

/**
 * Acrobot against the equations of motion of Sutton and Barto (Sutton 1996; Spong 1995), written
 * here as the 2x2 system {@code M(q) q'' = tau - h - phi} and solved by Cramer's rule, then integrated with
 * one classical RK4 step of 0.2 s.
 */
class AcrobotTest {

    private static final double G = 9.8;

    private static double[] derivative(double[] s, double torque) {
        double t1 = s[0];
        double t2 = s[1];
        double w1 = s[2];
        double w2 = s[3];
        // masses 1, lengths 1, centres of mass 0.5, moments of inertia 1
        double d11 = 0.25 + (1 + 0.25 + Math.cos(t2)) + 2;
        double d12 = (0.25 + 0.5 * Math.cos(t2)) + 1;
        double d22 = 0.25 + 1;
        double h1 = -0.5 * w2 * w2 * Math.sin(t2) - 2 * 0.5 * w2 * w1 * Math.sin(t2);
        double h2 = 0.5 * w1 * w1 * Math.sin(t2);
        double phi2 = 0.5 * G * Math.sin(t1 + t2);
        double phi1 = 1.5 * G * Math.sin(t1) + phi2;
        double r1 = -h1 - phi1;
        double r2 = torque - h2 - phi2;
        double det = d11 * d22 - d12 * d12;
        return new double[] {w1, w2, (r1 * d22 - d12 * r2) / det, (d11 * r2 - d12 * r1) / det};
    }

    private static double[] rk4(double[] s, double torque) {
        double h = 0.2;
        double[] k1 = derivative(s, torque);
        double[] k2 = derivative(add(s, k1, h / 2), torque);
        double[] k3 = derivative(add(s, k2, h / 2), torque);
        double[] k4 = derivative(add(s, k3, h), torque);
        double[] next = new double[4];
        for (int i = 0; i < 4; i++) {
            next[i] = s[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        next[0] = Math.IEEEremainder(next[0], 2 * Math.PI);
        next[1] = Math.IEEEremainder(next[1], 2 * Math.PI);
        next[2] = Math.max(-4 * Math.PI, Math.min(4 * Math.PI, next[2]));
        next[3] = Math.max(-9 * Math.PI, Math.min(9 * Math.PI, next[3]));
        return next;
    }

    private static double[] add(double[] s, double[] k, double h) {
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = s[i] + h * k[i];
        }
        return out;
    }

    @Test
    void trajectoryMatchesTheEquationsOfMotion() {
        Acrobot env = new Acrobot();
        env.reset(11);
        double[] s = env.state();
        for (int t = 0; t < 40; t++) {
            int action = (t / 4) % 2 == 0 ? 2 : 0;
            s = rk4(s, action - 1);
            Step step = env.step(action);
            double[] actual = env.state();
            for (int i = 0; i < 4; i++) {
                assertEquals(s[i], actual[i], 1e-9, "step " + t + " element " + i);
            }
            assertEquals((float) Math.cos(s[0]), step.observation()[0], 1e-6f);
            assertEquals((float) Math.sin(s[1]), step.observation()[3], 1e-6f);
            boolean high = -Math.cos(s[0]) - Math.cos(s[0] + s[1]) > 1.0;
            assertEquals(high, step.terminated());
            assertEquals(high ? 0f : -1f, step.reward());
        }
    }

    @Test
    void wrapShiftsByWholeTurns() {
        assertEquals(Math.PI - 1, Acrobot.wrap(-Math.PI - 1, -Math.PI, Math.PI), 1e-12);
        assertEquals(-Math.PI + 0.5, Acrobot.wrap(3 * Math.PI + 0.5, -Math.PI, Math.PI), 1e-12);
        assertEquals(1.0, Acrobot.wrap(1.0, -Math.PI, Math.PI));
    }
}
