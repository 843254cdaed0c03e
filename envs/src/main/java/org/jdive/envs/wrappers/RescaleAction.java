package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;

/**
 * Maps actions in {@code [min, max]} affinely onto the inner env's {@link Box} bounds, as Gymnasium's
 * {@code RescaleAction}: {@code low + (high − low) · (a − min) / (max − min)}, clipped to {@code [low, high]}; e.g. a
 * tanh-squashed policy in [−1, 1] driving Pendulum's torque in [−2, 2]. Every bound must be finite.
 */
public final class RescaleAction extends Wrapper {

    private final float min;
    private final float max;
    private final float[] low;
    private final float[] high;
    private final float[] scaled;
    private final Box space;

    /**
     * Makes {@code [min, max]} the action space of {@code env}, whose {@link Box} bounds must be finite.
     *
     * @throws IllegalArgumentException unless {@code min < max}, both finite
     */
    public RescaleAction(Env env, float min, float max) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) {
            throw new IllegalArgumentException("RescaleAction needs a Box action space, got " + env.actionSpace());
        }
        if (!(min < max) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("RescaleAction needs finite min < max, got [" + min + ", " + max + "]");
        }
        this.low = box.low();
        this.high = box.high();
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                throw new IllegalArgumentException("RescaleAction needs finite action bounds, got " + box);
            }
        }
        this.min = min;
        this.max = max;
        this.scaled = new float[low.length];
        this.space = Box.uniform(min, max, box.shape());
    }

    @Override
    public Space actionSpace() {
        return space;
    }

    @Override
    protected float[] action(float[] action) {
        for (int i = 0; i < scaled.length; i++) {
            double a = low[i] + (high[i] - (double) low[i]) * ((action[i] - (double) min) / (max - (double) min));
            scaled[i] = (float) Math.clamp(a, low[i], high[i]);
        }
        return scaled;
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        // rescaling keeps no state of its own
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        // rescaling keeps no state of its own
    }
}
