package org.jdive.envs.wrappers;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Env;
import org.jdive.envs.Rng;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * With probability {@code p} repeats the previous action instead of the agent's, as Gymnasium's
 * {@code StickyAction} with a repeat duration of 1 (Machado et al. 2018). The first step of an episode is
 * never sticky. The draws come from the wrapper's own stream, seeded by {@code reset(seed)}, so the inner
 * env's stream is unchanged.
 */
public final class StickyActions extends Wrapper {

    private static final long SALT = 0x5717C4L;

    private final double probability;
    private UniformRandomProvider rng = Rng.seeded(0, SALT);
    private int lastAction = -1;

    /**
     * Wraps {@code env}; the stream of draws is seeded by each {@code reset(seed)}.
     *
     * @param probability the chance that a step repeats the previous action, in [0, 1) (MinAtar uses 0.1)
     */
    public StickyActions(Env env, double probability) {
        super(env);
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("StickyActions needs 0 <= p < 1, got " + probability);
        }
        this.probability = probability;
    }

    @Override
    protected void seeded(long seed) {
        rng = Rng.seeded(seed, SALT);
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        lastAction = -1;
    }

    @Override
    protected int action(int action) {
        if (lastAction >= 0 && rng.nextDouble() < probability) {
            return lastAction;
        }
        lastAction = action;
        return action;
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeRng(rng);
        out.writeInt(lastAction);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        in.readRng(rng);
        lastAction = in.readInt();
    }
}
