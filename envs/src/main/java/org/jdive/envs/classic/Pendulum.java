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

/**
 * Gymnasium's {@code Pendulum-v1}: swing a pendulum up and hold it upright with a torque {@code u} in [−2, 2]
 * (clipped). With {@code θ} from upright, {@code θ̇' = clip(θ̇ + (3g/2l · sin θ + 3/(ml²) · u) · dt, −8, 8)},
 * {@code θ' = θ + θ̇' · dt}, {@code dt} 0.05, {@code m = l = 1}, {@code g} 10 by default. The reward is
 * {@code −(norm(θ)² + 0.1 θ̇² + 0.001 u²)} of the state before the step, {@code norm} wrapping the angle into [−π, π);
 * episodes never terminate (the time limit is 200 steps). Observations are {@code [cos θ, sin θ, θ̇]}; resets draw
 * {@code θ ~ U(−π, π)}, {@code θ̇ ~ U(−1, 1)}. The state is kept in double, observations are float32.
 */
public final class Pendulum extends AbstractEnv {

    /** The angular velocity is clipped to ±{@code MAX_SPEED}, rad/s. */
    public static final double MAX_SPEED = 8;
    /** The torque is clipped to ±{@code MAX_TORQUE}, N·m. */
    public static final double MAX_TORQUE = 2;
    /** Seconds per step. */
    public static final double DT = 0.05;
    /** The mass at the tip, kg. */
    public static final double MASS = 1;
    /** The pendulum's length, metres. */
    public static final double LENGTH = 1;

    private static final Space OBSERVATION_SPACE = new Box(new float[] {-1, -1, (float) -MAX_SPEED},
            new float[] {1, 1, (float) MAX_SPEED}, 3);
    private static final Box ACTION_SPACE = Box.uniform((float) -MAX_TORQUE, (float) MAX_TORQUE, 1);

    private final double gravity;
    private double theta;
    private double thetaDot;
    /** The last (clipped) torque, for the picture; NaN before the first step. */
    private double lastTorque = Double.NaN;

    /** @param gravity Gymnasium's {@code g} (10 by default) */
    public Pendulum(double gravity) {
        super(ACTION_SPACE, 3);
        this.gravity = gravity;
    }

    /** {@code θ} wrapped into [−π, π), as Gymnasium's {@code angle_normalize}: {@code ((θ + π) mod 2π) − π}. */
    public static double normalizeAngle(double theta) {
        double wrapped = (theta + Math.PI) % (2 * Math.PI);
        if (wrapped < 0) {
            wrapped += 2 * Math.PI; // Python's % takes the divisor's sign
        }
        return wrapped - Math.PI;
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        theta = Rng.uniform(rng, -Math.PI, Math.PI);
        thetaDot = Rng.uniform(rng, -1, 1);
        lastTorque = Double.NaN;
    }

    @Override
    protected void advance(float[] action, UniformRandomProvider rng) {
        double u = Math.clamp(action[0], -MAX_TORQUE, MAX_TORQUE);
        double angle = normalizeAngle(theta);
        double cost = angle * angle + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
        double newThetaDot = thetaDot
                + (3 * gravity / (2 * LENGTH) * Math.sin(theta) + 3.0 / (MASS * LENGTH * LENGTH) * u) * DT;
        thetaDot = Math.clamp(newThetaDot, -MAX_SPEED, MAX_SPEED);
        theta = theta + thetaDot * DT;
        lastTorque = u;
        setOutcome((float) -cost, false);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = (float) Math.cos(theta);
        obs[offset + 1] = (float) Math.sin(theta);
        obs[offset + 2] = (float) thetaDot;
    }

    /** The state in double precision: {θ, θ̇}. */
    public double[] state() {
        return new double[] {theta, thetaDot};
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    /**
     * Gymnasium's 500×500 picture: the rod from the axle, upright at θ = 0, and (in place of its arrow image) an arc
     * around the axle as long as the last torque is strong, on the side it turns.
     */
    @Override
    public Frame render() {
        int size = 500;
        double scale = size / 4.4;
        double cx = size / 2.0;
        double cy = size / 2.0;
        Canvas canvas = new Canvas(size, size).clear(ClassicPalette.SKY);
        double endX = cx - Math.sin(theta) * LENGTH * scale;
        double endY = cy - Math.cos(theta) * LENGTH * scale;
        double halfWidth = 0.1 * scale;
        canvas.line(cx, cy, endX, endY, 2 * halfWidth, ClassicPalette.ROD);
        canvas.fillCircle(cx, cy, halfWidth, ClassicPalette.ROD);
        canvas.fillCircle(endX, endY, halfWidth, ClassicPalette.ROD);
        if (!Double.isNaN(lastTorque) && lastTorque != 0) {
            int points = 24;
            double sweep = Math.abs(lastTorque) / MAX_TORQUE * 1.5 * Math.PI;
            double[] xs = new double[points];
            double[] ys = new double[points];
            double radius = 0.35 * scale;
            for (int i = 0; i < points; i++) {
                double a = Math.signum(lastTorque) * sweep * i / (points - 1);
                xs[i] = cx + radius * Math.sin(a);
                ys[i] = cy + radius * Math.cos(a);
            }
            for (int i = 1; i < points; i++) {
                canvas.line(xs[i - 1], ys[i - 1], xs[i], ys[i], 3, ClassicPalette.BODY);
            }
        }
        canvas.fillCircle(cx, cy, 0.05 * scale, ClassicPalette.BODY);
        return canvas.toFrame();
    }

    @Override
    public String renderText() {
        return String.format(Locale.ROOT, "Pendulum theta=%.4f thetadot=%.4f%n", theta, thetaDot);
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeDouble(theta);
        out.writeDouble(thetaDot);
        out.writeDouble(lastTorque);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        theta = in.readDouble();
        thetaDot = in.readDouble();
        lastTorque = in.readDouble();
    }
}
