package org.jdive.envs.classic;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.AbstractEnv;
import org.jdive.envs.Frame;
import org.jdive.envs.Rng;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;

/**
 * Gymnasium's {@code MountainCarContinuous-v0}: {@link MountainCar} with a continuous force {@code f} in [−1, 1]
 * (clipped): {@code v += f · 0.0015 − 0.0025 cos(3p)}, clipped to ±0.07; {@code p += v}, clipped to [−1.2, 0.6];
 * hitting the left wall stops the car. The episode terminates at {@code p ≥ 0.45} with {@code v ≥ goal_velocity};
 * the reward is 100 then, minus {@code 0.1 a²} of the action as given (unclipped) every step. The time limit is 999
 * steps. Resets put the car at {@code U(−0.6, −0.4)} at rest; Gymnasium keeps the state as float32 after each step
 * ({@code np.array(..., dtype=np.float32)}), and so does this env, computing each step in double.
 */
public final class MountainCarContinuous extends AbstractEnv {

    /**
     * The flag, lower than {@link MountainCar#GOAL_POSITION}: reaching it (with at least the goal velocity) terminates
     * the episode.
     */
    public static final double GOAL_POSITION = 0.45;
    /** The change of velocity per step per unit of force. */
    public static final double POWER = 0.0015;
    /** The force is clipped to ±{@code MAX_ACTION}. */
    public static final double MAX_ACTION = 1;

    private static final Space OBSERVATION_SPACE = new Box(
            new float[] {(float) MountainCar.MIN_POSITION, (float) -MountainCar.MAX_SPEED},
            new float[] {(float) MountainCar.MAX_POSITION, (float) MountainCar.MAX_SPEED}, 2);
    private static final Box ACTION_SPACE = Box.uniform((float) -MAX_ACTION, (float) MAX_ACTION, 1);

    private final double goalVelocity;
    private double position;
    private double velocity;

    /** @param goalVelocity Gymnasium's option: the least velocity at the flag that ends the episode (0 by default) */
    public MountainCarContinuous(double goalVelocity) {
        super(ACTION_SPACE, 2);
        this.goalVelocity = goalVelocity;
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        position = Rng.uniform(rng, -0.6, -0.4);
        velocity = 0;
    }

    @Override
    protected void advance(float[] action, UniformRandomProvider rng) {
        double force = Math.clamp(action[0], -MAX_ACTION, MAX_ACTION);
        double v = velocity + force * POWER - 0.0025 * Math.cos(3 * position);
        v = Math.clamp(v, -MountainCar.MAX_SPEED, MountainCar.MAX_SPEED);
        double p = Math.clamp(position + v, MountainCar.MIN_POSITION, MountainCar.MAX_POSITION);
        if (p == MountainCar.MIN_POSITION && v < 0) {
            v = 0;
        }
        boolean terminated = p >= GOAL_POSITION && v >= goalVelocity;
        double reward = (terminated ? 100.0 : 0.0) - (double) action[0] * action[0] * 0.1;
        position = (float) p;
        velocity = (float) v;
        setOutcome((float) reward, terminated);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = (float) position;
        obs[offset + 1] = (float) velocity;
    }

    /** The state: {position, velocity}. */
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
        return MountainCar.picture(position, GOAL_POSITION);
    }

    @Override
    public String renderText() {
        return String.format(Locale.ROOT, "MountainCarContinuous position=%.4f velocity=%.5f%n", position, velocity);
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
