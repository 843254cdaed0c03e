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
 * Gymnasium's {@code CartPole-v1} (Barto, Sutton and Anderson 1983): push a cart left (0) or right (1) to keep
 * the pole upright. The state {@code (x, x_dot, theta, theta_dot)} is kept in double and integrated with
 * Euler's method as Gymnasium's float64 numpy state; observations are its float32 rounding. Reward 1 for every
 * step, the terminating one included; the episode terminates when {@code |theta| > 12 degrees} or
 * {@code |x| > 2.4}. Resets draw each state element from {@code U(-0.05, 0.05)}.
 */
public final class CartPole extends AbstractEnv {

    /** m/s². */
    public static final double GRAVITY = 9.8;
    /** kg. */
    public static final double MASS_CART = 1.0;
    /** kg. */
    public static final double MASS_POLE = 0.1;
    /** Cart and pole, kg. */
    public static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    /** Half the pole's length. */
    public static final double LENGTH = 0.5;
    /** The pole's mass times its half-length, kg·m. */
    public static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    /** The push of either action, newtons. */
    public static final double FORCE_MAG = 10.0;
    /** Seconds between state updates (one Euler step). */
    public static final double TAU = 0.02;
    /** The pole angle beyond which the episode terminates, radians (12 degrees). */
    public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    /** The cart position beyond which the episode terminates, metres either side of the centre. */
    public static final double X_THRESHOLD = 2.4;

    private static final Space OBSERVATION_SPACE = new Box(
            new float[] {(float) -X_THRESHOLD * 2, Float.NEGATIVE_INFINITY, (float) -THETA_THRESHOLD * 2, Float.NEGATIVE_INFINITY},
            new float[] {(float) X_THRESHOLD * 2, Float.POSITIVE_INFINITY, (float) THETA_THRESHOLD * 2, Float.POSITIVE_INFINITY},
            4);
    private static final Space ACTION_SPACE = new Discrete(2);

    private final boolean suttonBartoReward;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;
    private boolean terminatedBefore;

    /** @param suttonBartoReward Gymnasium's option: reward 0 per step and -1 on termination instead of 1 per step */
    public CartPole(boolean suttonBartoReward) {
        super(2, 4);
        this.suttonBartoReward = suttonBartoReward;
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        x = Rng.uniform(rng, -0.05, 0.05);
        xDot = Rng.uniform(rng, -0.05, 0.05);
        theta = Rng.uniform(rng, -0.05, 0.05);
        thetaDot = Rng.uniform(rng, -0.05, 0.05);
        terminatedBefore = false;
    }

    @Override
    protected void advance(int action, UniformRandomProvider rng) {
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * (thetaDot * thetaDot) * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * (cosTheta * cosTheta) / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
        float reward;
        if (!terminated) {
            reward = suttonBartoReward ? 0f : 1f;
        } else if (!terminatedBefore) {
            terminatedBefore = true;
            reward = suttonBartoReward ? -1f : 1f;
        } else {
            reward = suttonBartoReward ? -1f : 0f;
        }
        setOutcome(reward, terminated);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = (float) x;
        obs[offset + 1] = (float) xDot;
        obs[offset + 2] = (float) theta;
        obs[offset + 3] = (float) thetaDot;
    }

    /** The state in double precision: {x, x_dot, theta, theta_dot}. */
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    /** Gymnasium's 600x400 picture: the cart on its track, the pole on its axle. */
    @Override
    public Frame render() {
        int width = 600;
        int height = 400;
        double scale = width / (X_THRESHOLD * 2);
        double poleWidth = 10;
        double poleLength = scale * (2 * LENGTH);
        double cartWidth = 50;
        double cartHeight = 30;
        double cartX = x * scale + width / 2.0;
        double cartTop = height - 100 - cartHeight / 2;
        double axleY = height - 100 - cartHeight / 4;
        Canvas canvas = new Canvas(width, height).clear(ClassicPalette.SKY);
        canvas.fillRect(0, height - 100, width, 1, ClassicPalette.TRACK);
        canvas.fillRect((int) Math.round(cartX - cartWidth / 2), (int) Math.round(cartTop),
                (int) cartWidth, (int) cartHeight, ClassicPalette.BODY);
        double tipX = cartX + poleLength * Math.sin(theta);
        double tipY = axleY - poleLength * Math.cos(theta);
        canvas.line(cartX, axleY, tipX, tipY, poleWidth, ClassicPalette.POLE);
        canvas.fillCircle(cartX, axleY, poleWidth / 2, ClassicPalette.AXLE);
        return canvas.toFrame();
    }

    @Override
    public String renderText() {
        return String.format(Locale.ROOT, "CartPole x=%.4f x_dot=%.4f theta=%.4f theta_dot=%.4f%n", x, xDot, theta, thetaDot);
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeDouble(x);
        out.writeDouble(xDot);
        out.writeDouble(theta);
        out.writeDouble(thetaDot);
        out.writeBoolean(terminatedBefore);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        x = in.readDouble();
        xDot = in.readDouble();
        theta = in.readDouble();
        thetaDot = in.readDouble();
        terminatedBefore = in.readBoolean();
    }
}
