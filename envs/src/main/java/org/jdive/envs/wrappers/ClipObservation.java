package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;

/**
 * Clips each observation element to {@code [min, max]}, as CleanRL's
 * {@code TransformObservation(env, lambda obs: np.clip(obs, -10, 10))} after {@link NormalizeObservation}.
 */
public final class ClipObservation extends Wrapper {

    private final float min;
    private final float max;
    private final Space space;

    /**
     * Clips {@code env}'s observations to {@code [min, max]}, which becomes the observation space; needs {@code min <=
     * max}.
     */
    public ClipObservation(Env env, float min, float max) {
        super(env);
        if (!(min <= max)) {
            throw new IllegalArgumentException("ClipObservation needs min <= max, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        this.space = Box.uniform(min, max, env.observationSpace().shape());
    }

    @Override
    public Space observationSpace() {
        return space;
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        clip(obs, offset);
    }

    @Override
    protected void afterStep(float[] obs, int offset) {
        clip(obs, offset);
    }

    private void clip(float[] obs, int offset) {
        for (int i = offset; i < offset + space.size(); i++) {
            obs[i] = Math.clamp(obs[i], min, max);
        }
    }

    @Override
    public float[] observation(float[] inner) {
        float[] out = inner.clone();
        clip(out, 0);
        return out;
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        env.observeInto(obs, offset);
        clip(obs, offset);
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
