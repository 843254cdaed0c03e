package org.jdive.envs;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.spaces.Box;

/**
 * The bookkeeping every env shares: the seeded random stream, action checking, the allocating
 * {@link #reset()}/{@link #step(int)} built on the allocation-free {@link #resetInto}/{@link #stepInto}.
 * A subclass implements {@link #startEpisode}, {@link #advance} and {@link #observeInto}, and reports each
 * step's outcome with {@link #setOutcome}.
 *
 * <p>Envs never truncate: time limits come from the {@link org.jdive.envs.wrappers.TimeLimit} wrapper.
 */
public abstract class AbstractEnv implements Env {

    /** The size of the discrete action space; 0 for continuous actions. */
    private final int numActions;
    /** The number of values in a continuous action; 0 for discrete actions. */
    private final int actionSize;
    private final int observationSize;
    private UniformRandomProvider rng = Rng.seeded(0);
    private float reward;
    private boolean terminated;

    /**
     * @param numActions      the size of the discrete action space
     * @param observationSize the number of floats in one observation
     */
    protected AbstractEnv(int numActions, int observationSize) {
        if (numActions < 1) {
            throw new IllegalArgumentException("a discrete action space needs at least one action, got " + numActions);
        }
        this.numActions = numActions;
        this.actionSize = 0;
        this.observationSize = observationSize;
    }

    /**
     * An env of continuous actions: {@link #advance(float[], UniformRandomProvider)} receives each action, which the
     * env clips to its bounds itself as Gymnasium's classic-control envs do.
     *
     * @param actions         the {@link Box} of actions
     * @param observationSize the number of floats in one observation
     */
    protected AbstractEnv(Box actions, int observationSize) {
        this.numActions = 0;
        this.actionSize = actions.size();
        this.observationSize = observationSize;
    }

    /** Puts the env in the first state of a new episode, drawing from {@code rng}. */
    protected abstract void startEpisode(UniformRandomProvider rng);

    /** Applies a valid discrete action; must call {@link #setOutcome}. Only envs of discrete actions override it. */
    protected void advance(int action, UniformRandomProvider rng) {
        throw new IllegalStateException("unreachable: a discrete action for an env of continuous actions");
    }

    /**
     * Applies a continuous action of the right length (any values: the env clips them); must call
     * {@link #setOutcome}. Only envs of continuous actions override it.
     */
    protected void advance(float[] action, UniformRandomProvider rng) {
        throw new IllegalStateException("unreachable: a continuous action for an env of discrete actions");
    }

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
    public final Step step(float[] action) {
        float[] obs = new float[observationSize];
        stepInto(action, obs, 0);
        return new Step(obs, reward, terminated, false, info());
    }

    @Override
    public final void stepInto(float[] action, float[] obs, int offset) {
        if (numActions > 0) {
            stepInto(Spaces.discreteAction(actionSpace(), action), obs, offset);
            return;
        }
        if (action.length != actionSize) {
            throw new IllegalArgumentException("an action of " + action.length + " values for the action space "
                    + actionSpace());
        }
        advance(action, rng);
        observeInto(obs, offset);
    }

    @Override
    public final void stepInto(int action, float[] obs, int offset) {
        if (numActions == 0) {
            throw new IllegalArgumentException("action " + action + " is discrete but this env's actions are "
                    + actionSpace() + ": step it with a vector");
        }
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
