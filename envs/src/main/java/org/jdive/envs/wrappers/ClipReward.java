package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/** Clips each reward to {@code [min, max]}, as Gymnasium's {@code ClipReward} (e.g. [-1, 1] for Atari-style games). */
public final class ClipReward extends Wrapper {

    private final float min;
    private final float max;

    /** Clips {@code env}'s rewards to {@code [min, max]}; needs {@code min <= max}. */
    public ClipReward(Env env, float min, float max) {
        super(env);
        if (!(min <= max)) {
            throw new IllegalArgumentException("ClipReward needs min <= max, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public float lastReward() {
        return Math.clamp(env.lastReward(), min, max);
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
