package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;

/**
 * Clips each continuous action to the inner env's {@link Box} bounds, as Gymnasium's {@code ClipAction}: the agent
 * may send any values (a Gaussian policy's samples), so the wrapper's action space is unbounded.
 */
public final class ClipAction extends Wrapper {

    private final float[] low;
    private final float[] high;
    private final float[] clipped;
    private final Box space;

    /** Wraps {@code env}, whose action space must be a {@link Box}. */
    public ClipAction(Env env) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) {
            throw new IllegalArgumentException("ClipAction needs a Box action space, got " + env.actionSpace());
        }
        this.low = box.low();
        this.high = box.high();
        this.clipped = new float[low.length];
        this.space = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, box.shape());
    }

    @Override
    public Space actionSpace() {
        return space;
    }

    @Override
    protected float[] action(float[] action) {
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.clamp(action[i], low[i], high[i]);
        }
        return clipped;
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        // clipping keeps no state of its own
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        // clipping keeps no state of its own
    }
}
