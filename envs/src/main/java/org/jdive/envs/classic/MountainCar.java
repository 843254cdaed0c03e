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
 * Gymnasium's {@code MountainCar-v0} (Moore 1990): drive an underpowered car up the right hill to the flag at
 * 0.5. Actions: 0 accelerate left, 1 coast, 2 accelerate right. {@code v += (a - 1) * 0.001 - 0.0025 cos(3p)},
 * clipped to ±0.07; {@code p += v}, clipped to [-1.2, 0.6]; hitting the left wall stops the car. Reward -1 per
 * step; the episode terminates at {@code p >= 0.5} with {@code v >= goal_velocity}. Resets put the car at
 * {@code U(-0.6, -0.4)} at rest. The state is kept in double, observations are float32.
 */
public final class MountainCar extends AbstractEnv {

    /**
     * The left wall; positions are clipped to {@code [MIN_POSITION, MAX_POSITION]} (Gymnasium's units, no physical
     * ones).
     */
    public static final double MIN_POSITION = -1.2;
    /** The right edge of the track. */
    public static final double MAX_POSITION = 0.6;
    /** Velocities are clipped to ±{@code MAX_SPEED} per step. */
    public static final double MAX_SPEED = 0.07;
    /** The flag: reaching it (with at least the goal velocity) terminates the episode. */
    public static final double GOAL_POSITION = 0.5;
    /** The change of velocity per step that accelerating left or right adds. */
    public static final double FORCE = 0.001;
    /** The hill's pull: {@code -GRAVITY cos(3p)} added to the velocity each step. */
    public static final double GRAVITY = 0.0025;

    private static final Space OBSERVATION_SPACE = new Box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED}, 2);
    private static final Space ACTION_SPACE = new Discrete(3);

    private final double goalVelocity;
    private double position;
    private double velocity;

    /** @param goalVelocity Gymnasium's option: the least velocity at the flag that ends the episode (0 by default) */
    public MountainCar(double goalVelocity) {
        super(3, 2);
        this.goalVelocity = goalVelocity;
    }

    /** The height of the hill at a position, {@code sin(3x) * 0.45 + 0.55}. */
    public static double height(double position) {
        return Math.sin(3 * position) * 0.45 + 0.55;
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        position = Rng.uniform(rng, -0.6, -0.4);
        velocity = 0;
    }

    @Override
    protected void advance(int action, UniformRandomProvider rng) {
        velocity += (action - 1) * FORCE + Math.cos(3 * position) * -GRAVITY;
        velocity = Math.clamp(velocity, -MAX_SPEED, MAX_SPEED);
        position += velocity;
        position = Math.clamp(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        setOutcome(-1f, position >= GOAL_POSITION && velocity >= goalVelocity);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = (float) position;
        obs[offset + 1] = (float) velocity;
    }

    /** The state in double precision: {position, velocity}. */
    public double[] state() {
        return new double[] {position, velocity};
    }

    @Override
    public Space observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public Frame render() {
        return picture(position, GOAL_POSITION);
    }

    /** Gymnasium's 600x400 picture: the hill curve, the flag at the goal, the car tilted along the slope. */
    static Frame picture(double position, double goalPosition) {
        int width = 600;
        int height = 400;
        double scale = width / (MAX_POSITION - MIN_POSITION);
        Canvas canvas = new Canvas(width, height).clear(ClassicPalette.SKY);
        int samples = 100;
        double[] xs = new double[samples];
        double[] ys = new double[samples];
        for (int i = 0; i < samples; i++) {
            double p = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / (samples - 1);
            xs[i] = (p - MIN_POSITION) * scale;
            ys[i] = height - height(p) * scale;
        }
        canvas.polyline(xs, ys, ClassicPalette.HILL);

        double flagX = (goalPosition - MIN_POSITION) * scale;
        double flagBottom = height - height(goalPosition) * scale;
        canvas.line(flagX, flagBottom, flagX, flagBottom - 50, 1, ClassicPalette.HILL);
        canvas.fillPolygon(new double[] {flagX, flagX, flagX + 25},
                new double[] {flagBottom - 50, flagBottom - 40, flagBottom - 45}, ClassicPalette.FLAG);

        double carWidth = 40;
        double carHeight = 20;
        double clearance = 10;
        double angle = Math.cos(3 * position);
        double baseX = (position - MIN_POSITION) * scale;
        double baseY = clearance + height(position) * scale;
        double[][] body = {{-carWidth / 2, 0}, {-carWidth / 2, carHeight}, {carWidth / 2, carHeight}, {carWidth / 2, 0}};
        double[] bx = new double[4];
        double[] by = new double[4];
        for (int i = 0; i < 4; i++) {
            double[] p = rotate(body[i][0], body[i][1], angle);
            bx[i] = baseX + p[0];
            by[i] = height - (baseY + p[1]);
        }
        canvas.fillPolygon(bx, by, ClassicPalette.BODY);
        for (double wheelX : new double[] {carWidth / 4, -carWidth / 4}) {
            double[] p = rotate(wheelX, 0, angle);
            canvas.fillCircle(baseX + p[0], height - (baseY + p[1]), carHeight / 2.5, ClassicPalette.WHEEL);
        }
        return canvas.toFrame();
    }

    private static double[] rotate(double x, double y, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {x * c - y * s, x * s + y * c};
    }

    @Override
    public String renderText() {
        return String.format(Locale.ROOT, "MountainCar position=%.4f velocity=%.5f%n", position, velocity);
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeDouble(position);
        out.writeDouble(velocity);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        position = in.readDouble();
        velocity = in.readDouble();
    }
}
