package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * Scales rewards by the running standard deviation of the discounted return, as Gymnasium's {@code NormalizeReward}
 * (and OpenAI Baselines' {@code VecNormalize}): after each step {@code G ← γ·G·(1 − terminated) + r} updates a running
 * variance (from 1, with a count of 1e-4, as {@code RunningMeanStd}), and the reward seen is
 * {@code r / sqrt(var + 1e-8)}. The mean is not subtracted. {@link #setUpdating(boolean) setUpdating(false)} freezes
 * the statistics.
 */
public final class NormalizeReward extends Wrapper {

    private static final double EPSILON = 1e-8;

    private final double gamma;
    private double discountedReturn;
    private double mean;
    private double var = 1;
    private double count = 1e-4;
    private float reward;
    private boolean updating = true;

    /**
     * Wraps {@code env}, its statistics fresh and updating.
     *
     * @param gamma the discount of the return whose spread scales the rewards, in [0, 1]; use the agent's
     */
    public NormalizeReward(Env env, double gamma) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("NormalizeReward needs gamma in [0, 1], got " + gamma);
        }
        this.gamma = gamma;
    }

    /** Whether new rewards update the running statistics. */
    public void setUpdating(boolean updating) {
        this.updating = updating;
    }

    /** The running (population) variance of the discounted return. */
    public double variance() {
        return var;
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        reward = 0;
    }

    @Override
    protected void afterStep(float[] obs, int offset) {
        float r = env.lastReward();
        discountedReturn = discountedReturn * gamma * (env.lastTerminated() ? 0 : 1) + r;
        if (updating) {
            double total = count + 1;
            double delta = discountedReturn - mean;
            mean += delta / total;
            var = (var * count + delta * delta * count / total) / total;
            count = total;
        }
        reward = (float) (r / Math.sqrt(var + EPSILON));
    }

    @Override
    public float lastReward() {
        return reward;
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeDouble(discountedReturn).writeDouble(mean).writeDouble(var).writeDouble(count).writeFloat(reward)
                .writeBoolean(updating);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        discountedReturn = in.readDouble();
        mean = in.readDouble();
        var = in.readDouble();
        count = in.readDouble();
        reward = in.readFloat();
        updating = in.readBoolean();
    }
}
