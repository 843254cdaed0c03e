package org.jdive.agents.onpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * The diagonal Gaussian of CleanRL's {@code ppo_continuous_action.py}: the actor's output is the mean, the
 * log-standard deviation a learnt parameter of its own that depends on no state ({@code actor_logstd}, [1, k]).
 * {@code log p(a) = Σ_i −(a_i − μ_i)² / (2σ_i²) − log σ_i − ½ log 2π}; entropy {@code Σ_i ½ + ½ log 2π + log σ_i}.
 */
final class DiagonalGaussian implements ActionDistribution {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor logStd;
    private final int k;

    /** @param logStd the learnt log-standard deviations, [1, k] */
    DiagonalGaussian(Tensor logStd) {
        this.logStd = logStd;
        this.k = logStd.shape()[1];
    }

    @Override
    public int actionSize() {
        return k;
    }

    @Override
    public void sample(float[] mean, int rows, UniformRandomProvider rng, float[] actions, float[] logProbs) {
        float[] logSigma = logStd.toFloatArray();
        for (int r = 0; r < rows; r++) {
            double logp = 0;
            for (int i = 0; i < k; i++) {
                double sigma = Math.exp(logSigma[i]);
                double z = standardNormal(rng);
                float a = (float) (mean[r * k + i] + sigma * z);
                actions[r * k + i] = a;
                double d = (a - (double) mean[r * k + i]) / sigma;
                logp += -0.5 * d * d - logSigma[i] - HALF_LOG_TWO_PI;
            }
            logProbs[r] = (float) logp;
        }
    }

    @Override
    public Scored score(Tensor mean, Tensor actions) {
        Tensor z = actions.sub(mean).mul(logStd.neg().exp());
        Tensor logProb = z.square().mul(-0.5f).sub(logStd).sub((float) HALF_LOG_TWO_PI).sum(1, false);
        Tensor entropy = logStd.add((float) (0.5 + HALF_LOG_TWO_PI)).sum(1, false).broadcastTo(mean.shape()[0]);
        return new Scored(logProb, entropy);
    }

    @Override
    public float[] mode(float[] mean) {
        return mean.clone();
    }

    /** The standard deviation of each action value. */
    float[] std() {
        float[] s = logStd.toFloatArray();
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.exp(s[i]);
        }
        return s;
    }

    /** A standard normal draw by Box–Muller, one per two uniforms (none kept back, so a checkpoint needs no cache). */
    private static double standardNormal(UniformRandomProvider rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
