package org.jdive.envs;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The bookkeeping every env shares: the seeded random stream, action checking, the allocating
 * {@link #reset()}/{@link #step(int)} built on the allocation-free {@link #resetInto}/{@link #stepInto}.
 * A subclass implements {@link #startEpisode}, {@link #advance} and {@link #observeInto}, and reports each
 * step's outcome with {@link #setOutcome}.
 *
 * <p>Envs never truncate: time limits come from the {@link org.jdive.envs.wrappers.TimeLimit} wrapper.
 */
public abstract class AbstractEnv implements Env {

    private final int numActions;
    private final int observationSize;
    private UniformRandomProvider rng = Rng.seeded(0);
    private float reward;
    private boolean terminated;

    /**
     * @param numActions      the size of the discrete action space
     * @param observationSize the number of floats in one observation
     */
    protected AbstractEnv(int numActions, int observationSize) {
        this.numActions = numActions;
        this.observationSize = observationSize;
    }

    /** Puts the env in the first state of a new episode, drawing from {@code rng}. */
    protected abstract void startEpisode(UniformRandomProvider rng);

    /** Applies a valid action; must call {@link #setOutcome}. */
    protected abstract void advance(int action, UniformRandomProvider rng);

    /** Writes the subclass's episode state (everything {@link #advance} and {@link #observeInto} read). */
    protected abstract void saveEpisode(StateWriter out);

    /** Reads back what {@link #saveEpisode} wrote, in the same order. */
    protected abstract void restoreEpisode(StateReader in);

    @Override
    public final void saveState(StateWriter out) {
        out.writeRng(rng).writeFloat(reward).writeBoolean(terminated);
        saveEpisode(out);
    }

    @Override
    public final void restoreState(StateReader in) {
        in.readRng(rng);
        reward = in.readFloat();
        terminated = in.readBoolean();
        restoreEpisode(in);
    }

    /** The env's random stream, for subclasses that keep a reference to it (restored in place by {@link #restoreState}). */
    protected final UniformRandomProvider randomStream() {
        return rng;
    }

    /** Records the reward and termination of the step being taken. */
    protected final void setOutcome(float reward, boolean terminated) {
        this.reward = reward;
        this.terminated = terminated;
    }

    @Override
    public final Reset reset(long seed) {
        rng = Rng.seeded(seed);
        return reset();
    }

    @Override
    public final Reset reset() {
        float[] obs = new float[observationSize];
        resetInto(obs, 0);
        return new Reset(obs, info());
    }

    @Override
    public final void resetInto(float[] obs, int offset) {
        startEpisode(rng);
        setOutcome(0f, false);
        observeInto(obs, offset);
    }

    @Override
    public final Step step(int action) {
        float[] obs = new float[observationSize];
        stepInto(action, obs, 0);
        return new Step(obs, reward, terminated, false, info());
    }

    @Override
    public final void stepInto(int action, float[] obs, int offset) {
        if (action < 0 || action >= numActions) {
            throw new IllegalArgumentException(
                    "action " + action + " is outside the action space Discrete(" + numActions + ")");
        }
        advance(action, rng);
        observeInto(obs, offset);
    }

    @Override
    public final float lastReward() {
        return reward;
    }

    @Override
    public final boolean lastTerminated() {
        return terminated;
    }

    @Override
    public final boolean lastTruncated() {
        return false;
    }
}
