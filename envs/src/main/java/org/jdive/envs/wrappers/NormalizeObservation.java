package org.jdive.envs.wrappers;

import java.util.Arrays;
import org.jdive.envs.Env;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;

/**
 * Normalises each observation element by a running mean and variance, as Gymnasium's
 * {@code NormalizeObservation}: {@code (x - mean) / sqrt(var + 1e-8)}, the statistics updated with every
 * observation (reset and step) first, starting from mean 0, variance 1 and a count of 1e-4 as Gymnasium's
 * {@code RunningMeanStd}. {@link #setUpdating(boolean) setUpdating(false)} freezes them for evaluation.
 */
public final class NormalizeObservation extends Wrapper {

    private static final double EPSILON = 1e-8;

    private final int size;
    private final double[] mean;
    private final double[] var;
    private final float[] normalized;
    private final Space space;
    private double count = 1e-4;
    private boolean updating = true;

    /** Wraps {@code env}, its statistics fresh and updating. */
    public NormalizeObservation(Env env) {
        super(env);
        this.size = env.observationSpace().size();
        this.mean = new double[size];
        this.var = new double[size];
        Arrays.fill(var, 1.0);
        this.normalized = new float[size];
        this.space = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, env.observationSpace().shape());
    }

    /** Whether new observations update the running statistics. */
    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    /** The running mean of each element. */
    public double[] mean() {
        return mean.clone();
    }

    /** The running (population) variance of each element. */
    public double[] variance() {
        return var.clone();
    }

    @Override
    public Space observationSpace() {
        return space;
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        normalize(obs, offset);
    }

    @Override
    protected void afterStep(float[] obs, int offset) {
        normalize(obs, offset);
    }

    private void normalize(float[] obs, int offset) {
        if (updating) {
            double total = count + 1;
            for (int i = 0; i < size; i++) {
                double delta = obs[offset + i] - mean[i];
                mean[i] += delta / total;
                var[i] = (var[i] * count + delta * delta * count / total) / total;
            }
            count = total;
        }
        for (int i = 0; i < size; i++) {
            normalized[i] = (float) ((obs[offset + i] - mean[i]) / Math.sqrt(var[i] + EPSILON));
        }
        observeInto(obs, offset);
    }

    /** {@code inner} normalised with the statistics as they stand, which it does not update. */
    @Override
    public float[] observation(float[] inner) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) ((inner[i] - mean[i]) / Math.sqrt(var[i] + EPSILON));
        }
        return out;
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        System.arraycopy(normalized, 0, obs, offset, size);
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeDoubles(mean);
        out.writeDoubles(var);
        out.writeFloats(normalized);
        out.writeDouble(count);
        out.writeBoolean(updating);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        in.readDoubles(mean);
        in.readDoubles(var);
        in.readFloats(normalized);
        count = in.readDouble();
        updating = in.readBoolean();
    }
}
