package org.jdive.envs.classic;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.AbstractEnv;
import org.jdive.envs.Frame;
import org.jdive.envs.Rng;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.render.Canvas;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;

/**
 * Gymnasium's {@code Acrobot-v1} (Sutton 1996, the "book" dynamics): two links hanging from a pivot, a torque
 * of -1, 0 or +1 (actions 0, 1, 2) on the middle joint; swing the tip above the line one link length over the
 * pivot ({@code -cos(t1) - cos(t1 + t2) > 1}). Each step integrates 0.2 s with one RK4 step as Gymnasium's
 * {@code rk4} over {@code [0, dt]}, wraps the angles to [-pi, pi] and bounds the velocities to ±4pi and ±9pi.
 * Reward -1 per step, 0 on the terminating one. Observations
 * {@code (cos t1, sin t1, cos t2, sin t2, dt1, dt2)}; resets draw each state element from {@code U(-0.1, 0.1)}.
 */
public final class Acrobot extends AbstractEnv {

    /** Seconds integrated per step. */
    public static final double DT = 0.2;
    /** Length of the upper link, metres. */
    public static final double LINK_LENGTH_1 = 1.0;
    /** Length of the lower link, metres. */
    public static final double LINK_LENGTH_2 = 1.0;
    /** Mass of the upper link, kg. */
    public static final double LINK_MASS_1 = 1.0;
    /** Mass of the lower link, kg. */
    public static final double LINK_MASS_2 = 1.0;
    /** Distance from the pivot to the upper link's centre of mass, metres. */
    public static final double LINK_COM_POS_1 = 0.5;
    /** Distance from the middle joint to the lower link's centre of mass, metres. */
    public static final double LINK_COM_POS_2 = 0.5;
    /** Moment of inertia of either link, kg·m². */
    public static final double LINK_MOI = 1.0;
    /** Bound on the upper link's angular velocity, rad/s. */
    public static final double MAX_VEL_1 = 4 * Math.PI;
    /** Bound on the lower link's angular velocity, rad/s. */
    public static final double MAX_VEL_2 = 9 * Math.PI;
    /** m/s². */
    public static final double GRAVITY = 9.8;
    private static final double[] AVAIL_TORQUE = {-1.0, 0.0, 1.0};

    private static final Space OBSERVATION_SPACE = new Box(
            new float[] {-1, -1, -1, -1, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
            new float[] {1, 1, 1, 1, (float) MAX_VEL_1, (float) MAX_VEL_2}, 6);
    private static final Space ACTION_SPACE = new Discrete(3);

    private final double[] state = new double[4];
    private final double[] k1 = new double[4];
    private final double[] k2 = new double[4];
    private final double[] k3 = new double[4];
    private final double[] k4 = new double[4];
    private final double[] probe = new double[4];

    /** An acrobot at rest; {@code reset} draws its first state. */
    public Acrobot() {
        super(3, 6);
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        for (int i = 0; i < 4; i++) {
            state[i] = Rng.uniform(rng, -0.1, 0.1);
        }
    }

    @Override
    protected void advance(int action, UniformRandomProvider rng) {
        double torque = AVAIL_TORQUE[action];
        double half = DT / 2.0;
        derivatives(state, torque, k1);
        for (int i = 0; i < 4; i++) {
            probe[i] = state[i] + half * k1[i];
        }
        derivatives(probe, torque, k2);
        for (int i = 0; i < 4; i++) {
            probe[i] = state[i] + half * k2[i];
        }
        derivatives(probe, torque, k3);
        for (int i = 0; i < 4; i++) {
            probe[i] = state[i] + DT * k3[i];
        }
        derivatives(probe, torque, k4);
        for (int i = 0; i < 4; i++) {
            state[i] = state[i] + DT / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        state[0] = wrap(state[0], -Math.PI, Math.PI);
        state[1] = wrap(state[1], -Math.PI, Math.PI);
        state[2] = Math.clamp(state[2], -MAX_VEL_1, MAX_VEL_1);
        state[3] = Math.clamp(state[3], -MAX_VEL_2, MAX_VEL_2);
        boolean terminated = -Math.cos(state[0]) - Math.cos(state[1] + state[0]) > 1.0;
        setOutcome(terminated ? 0f : -1f, terminated);
    }

    /** Gymnasium's {@code _dsdt} with the book's equations, writing (dtheta1, dtheta2, ddtheta1, ddtheta2). */
    static void derivatives(double[] s, double torque, double[] out) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double theta1 = s[0];
        double theta2 = s[1];
        double dtheta1 = s[2];
        double dtheta2 = s[3];
        double d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * Math.cos(theta2)) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * Math.cos(theta2)) + i2;
        double phi2 = m2 * lc2 * GRAVITY * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * dtheta2 * dtheta2 * Math.sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * Math.sin(theta2)
                + (m1 * lc1 + m2 * l1) * GRAVITY * Math.cos(theta1 - Math.PI / 2) + phi2;
        double ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1 * dtheta1 * Math.sin(theta2) - phi2)
                / (m2 * lc2 * lc2 + i2 - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
    }

    /** Gymnasium's {@code wrap}: shifts {@code x} by whole periods {@code max - min} into {@code [min, max]}. */
    static double wrap(double x, double min, double max) {
        double period = max - min;
        while (x > max) {
            x -= period;
        }
        while (x < min) {
            x += period;
        }
        return x;
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = (float) Math.cos(state[0]);
        obs[offset + 1] = (float) Math.sin(state[0]);
        obs[offset + 2] = (float) Math.cos(state[1]);
        obs[offset + 3] = (float) Math.sin(state[1]);
        obs[offset + 4] = (float) state[2];
        obs[offset + 5] = (float) state[3];
    }

    /** The state in double precision: {theta1, theta2, dtheta1, dtheta2}. */
    public double[] state() {
        return state.clone();
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    /** Gymnasium's 500x500 picture: the goal line, the two links and their joints. */
    @Override
    public Frame render() {
        int size = 500;
        double bound = LINK_LENGTH_1 + LINK_LENGTH_2 + 0.2;
        double scale = size / (bound * 2);
        double centre = size / 2.0;
        Canvas canvas = new Canvas(size, size).clear(ClassicPalette.SKY);
        double goalY = centre - 1.0 * scale;
        canvas.line(centre - bound * scale, goalY, centre + bound * scale, goalY, 1, ClassicPalette.BODY);
        double x1 = centre + LINK_LENGTH_1 * Math.sin(state[0]) * scale;
        double y1 = centre + LINK_LENGTH_1 * Math.cos(state[0]) * scale;
        double x2 = x1 + LINK_LENGTH_2 * Math.sin(state[0] + state[1]) * scale;
        double y2 = y1 + LINK_LENGTH_2 * Math.cos(state[0] + state[1]) * scale;
        double linkWidth = 0.2 * scale;
        canvas.line(centre, centre, x1, y1, linkWidth, ClassicPalette.LINK);
        canvas.line(x1, y1, x2, y2, linkWidth, ClassicPalette.LINK);
        canvas.fillCircle(centre, centre, 0.1 * scale, ClassicPalette.JOINT);
        canvas.fillCircle(x1, y1, 0.1 * scale, ClassicPalette.JOINT);
        return canvas.toFrame();
    }

    @Override
    public String renderText() {
        return String.format(Locale.ROOT, "Acrobot theta1=%.4f theta2=%.4f dtheta1=%.4f dtheta2=%.4f%n",
                state[0], state[1], state[2], state[3]);
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeDoubles(state);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        in.readDoubles(state);
    }
}
