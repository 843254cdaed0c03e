package org.jdive.envs;

import java.util.Map;

/**
 * An environment with Gymnasium's contract: {@link #reset(long)} starts an episode, {@link #step(int)}
 * advances it by one action. Observations are plain {@code float[]} laid out as the observation space's
 * shape, row-major.
 *
 * <p>Reset with a seed re-seeds the environment's random stream; reset without one continues it.
 * {@code terminated} means the MDP reached a terminal state (do not bootstrap); {@code truncated} means
 * the episode was cut short from outside the MDP, e.g. by a time limit (do bootstrap).
 *
 * <p>Hot loops (vector envs, benchmarks) use {@link #stepInto(int, float[], int)} (or, for continuous actions,
 * {@link #stepInto(float[], float[], int)}), which writes the next observation into a caller's array and allocates
 * nothing.
 */
public interface Env extends AutoCloseable {

    /** The shape and bounds of observations. */
    Space observationSpace();

    /**
     * The actions this env accepts: a {@link org.jdive.envs.spaces.Discrete} space (stepped with {@link #step(int)})
     * or a {@link org.jdive.envs.spaces.Box} of continuous actions (stepped with {@link #step(float[])}).
     */
    Space actionSpace();

    /** Re-seeds the env's random stream and starts a new episode. */
    Reset reset(long seed);

    /** Starts a new episode, continuing the random stream (seeded from 0 at construction if never seeded). */
    Reset reset();

    /** Advances the episode by one action. */
    Step step(int action);

    /**
     * Advances the episode by one action without allocating: the next observation is written to
     * {@code obs[offset ..]}; reward, terminated and truncated are read back with {@link #lastReward()},
     * {@link #lastTerminated()} and {@link #lastTruncated()}.
     */
    void stepInto(int action, float[] obs, int offset);

    /**
     * Advances the episode by one action given as a vector, as Gymnasium's {@code step(action)} takes any action: a
     * continuous action laid out as the {@link org.jdive.envs.spaces.Box} action space, or a discrete action as a
     * one-element vector holding its number.
     */
    default Step step(float[] action) {
        return step(Spaces.discreteAction(actionSpace(), action));
    }

    /** {@link #step(float[])} without allocating, as {@link #stepInto(int, float[], int)}. */
    default void stepInto(float[] action, float[] obs, int offset) {
        stepInto(Spaces.discreteAction(actionSpace(), action), obs, offset);
    }

    /**
     * Starts a new episode like {@link #reset()}, continuing the random stream, and writes its first
     * observation to {@code obs[offset ..]}. Envs built on {@link AbstractEnv} do this without allocating,
     * which vector envs rely on when they autoreset.
     */
    default void resetInto(float[] obs, int offset) {
        float[] first = reset().observation();
        System.arraycopy(first, 0, obs, offset, first.length);
    }

    /** Writes the current observation to {@code obs[offset ..]}. */
    void observeInto(float[] obs, int offset);

    /** The reward of the last step (0 right after a reset). */
    float lastReward();

    /** Whether the last step reached a terminal state of the MDP. */
    boolean lastTerminated();

    /** Whether the last step cut the episode short from outside the MDP (a time limit). */
    boolean lastTruncated();

    /** The current state as an RGB frame from the software rasteriser. */
    Frame render();

    /** The current state as text (gridworlds draw their grid; others describe their state). */
    String renderText();

    /** Extra information for the current state (e.g. Taxi's {@code action_mask}); empty by default. */
    default Map<String, Object> info() {
        return Map.of();
    }

    /**
     * Writes everything this env's future depends on (the episode's state, its random stream, the last
     * outcome, and the state of any wrappers) so that {@link #restoreState(StateReader)} on an env built the
     * same way continues exactly as this one would: the basis of exact checkpoint/resume of vector envs.
     */
    void saveState(StateWriter out);

    /** Puts this env into the state {@link #saveState(StateWriter)} wrote, reading the values in the same order. */
    void restoreState(StateReader in);

    /** The state of {@link #saveState(StateWriter)} as a small byte array. */
    default byte[] saveState() {
        StateWriter out = new StateWriter();
        saveState(out);
        return out.toByteArray();
    }

    /** Restores a state from {@link #saveState()}; fails if it was saved by a different kind of env. */
    default void restoreState(byte[] state) {
        StateReader in = new StateReader(state);
        restoreState(in);
        in.requireEnd();
    }

    /** The innermost env under any wrappers, as Gymnasium's {@code env.unwrapped} (e.g. to reach a {@link TabularModel}). */
    default Env unwrapped() {
        return this;
    }

    @Override
    default void close() {
    }
}
