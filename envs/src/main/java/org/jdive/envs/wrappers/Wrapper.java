package org.jdive.envs.wrappers;

import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.Frame;
import org.jdive.envs.Reset;
import org.jdive.envs.Space;
import org.jdive.envs.Spaces;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.Step;
import org.jdive.envs.spaces.Discrete;

/**
 * An env around another env, as Gymnasium's {@code Wrapper}: everything is delegated unless a subclass
 * overrides it. Subclasses hook into {@link #afterReset}, {@link #afterStep} and {@link #action}; the
 * allocating {@link #reset}/{@link #step} go through the same hooks as {@link #resetInto}/{@link #stepInto},
 * so the two paths always agree. A wrapper's observation is at least as large as the inner env's: the hooks
 * receive the inner observation in {@code obs[offset ..]} and may rewrite it in place.
 */
public abstract class Wrapper implements Env {

    /** The wrapped env. */
    protected final Env env;

    protected Wrapper(Env env) {
        this.env = env;
    }

    /** The wrapped env (one layer down; {@link #unwrapped()} goes all the way). */
    public Env inner() {
        return env;
    }

    /** Called after the inner env started an episode; {@code obs[offset ..]} holds its first observation. */
    protected void afterReset(float[] obs, int offset) {
    }

    /** Called after the inner env stepped; {@code obs[offset ..]} holds its observation. */
    protected void afterStep(float[] obs, int offset) {
    }

    /**
     * The observation this wrapper would show for the inner env's observation {@code inner}, without changing any
     * state (a normaliser's statistics stay as they are): what a policy trained behind the wrapper needs to act on
     * a bare env. Wrappers that leave observations alone return {@code inner}; one whose observation depends on the
     * past (a frame stack) cannot say and throws {@link UnsupportedOperationException}.
     */
    public float[] observation(float[] inner) {
        return inner;
    }

    /** {@code raw}, an observation of the innermost env, as every wrapper of {@code env} would pass it on. */
    public static float[] observationThrough(Env env, float[] raw) {
        return env instanceof Wrapper w ? w.observation(observationThrough(w.env, raw)) : raw;
    }

    /** Called when the env is reset with a seed, before the episode starts. */
    protected void seeded(long seed) {
    }

    /** The action passed to the inner env for the agent's {@code action}. */
    protected int action(int action) {
        return action;
    }

    /** The continuous action passed to the inner env for the agent's {@code action} (the same array or a new one). */
    protected float[] action(float[] action) {
        return action;
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public Reset reset(long seed) {
        float[] first = env.reset(seed).observation();
        seeded(seed);
        float[] obs = new float[observationSpace().size()];
        System.arraycopy(first, 0, obs, 0, first.length);
        afterReset(obs, 0);
        return new Reset(obs, info());
    }

    @Override
    public Reset reset() {
        float[] obs = new float[observationSpace().size()];
        resetInto(obs, 0);
        return new Reset(obs, info());
    }

    @Override
    public void resetInto(float[] obs, int offset) {
        env.resetInto(obs, offset);
        afterReset(obs, offset);
    }

    @Override
    public Step step(int action) {
        float[] obs = new float[observationSpace().size()];
        stepInto(action, obs, 0);
        return new Step(obs, lastReward(), lastTerminated(), lastTruncated(), info());
    }

    @Override
    public void stepInto(int action, float[] obs, int offset) {
        env.stepInto(action(action), obs, offset);
        afterStep(obs, offset);
    }

    @Override
    public Step step(float[] action) {
        float[] obs = new float[observationSpace().size()];
        stepInto(action, obs, 0);
        return new Step(obs, lastReward(), lastTerminated(), lastTruncated(), info());
    }

    @Override
    public void stepInto(float[] action, float[] obs, int offset) {
        if (actionSpace() instanceof Discrete) {
            stepInto(Spaces.discreteAction(actionSpace(), action), obs, offset); // through the int hooks
            return;
        }
        env.stepInto(action(action), obs, offset);
        afterStep(obs, offset);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        env.observeInto(obs, offset);
    }

    @Override
    public float lastReward() {
        return env.lastReward();
    }

    @Override
    public boolean lastTerminated() {
        return env.lastTerminated();
    }

    @Override
    public boolean lastTruncated() {
        return env.lastTruncated();
    }

    @Override
    public Frame render() {
        return env.render();
    }

    @Override
    public String renderText() {
        return env.renderText();
    }

    @Override
    public Map<String, Object> info() {
        return env.info();
    }

    /** The inner env's state, then this wrapper's own ({@link #saveOwnState}). */
    @Override
    public final void saveState(StateWriter out) {
        env.saveState(out);
        saveOwnState(out);
    }

    @Override
    public final void restoreState(StateReader in) {
        env.restoreState(in);
        restoreOwnState(in);
    }

    /** Writes the wrapper's own state (counters, statistics, random stream); nothing for a stateless wrapper. */
    protected abstract void saveOwnState(StateWriter out);

    /** Reads back what {@link #saveOwnState} wrote, in the same order. */
    protected abstract void restoreOwnState(StateReader in);

    @Override
    public Env unwrapped() {
        return env.unwrapped();
    }

    @Override
    public void close() {
        env.close();
    }
}
