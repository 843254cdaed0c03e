package org.jdive.agents.onpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/** The categorical distribution of a policy's logits over {@code n} actions, sampled in double precision. */
final class Categorical implements ActionDistribution {

    private final int n;

    Categorical(int n) {
        this.n = n;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public void sample(float[] logits, int rows, UniformRandomProvider rng, float[] actions, float[] logProbs) {
        for (int r = 0; r < rows; r++) {
            double[] logp = logSoftmax(logits, r * n, n);
            int a = sample(logp, rng);
            actions[r] = a;
            logProbs[r] = (float) logp[a];
        }
    }

    @Override
    public Scored score(Tensor logits, Tensor actions) {
        Tensor logp = logits.logSoftmax(1);
        Tensor logProb = logp.gather(1, actions).reshape(logits.shape()[0]);
        return new Scored(logProb, logp.exp().mul(logp).sum(1, false).neg());
    }

    @Override
    public float[] mode(float[] logits) {
        return new float[] {argmax(logits)};
    }

    /** {@code log softmax(logits[from, from + n))}. */
    static double[] logSoftmax(float[] logits, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            max = Math.max(max, logits[from + a]);
        }
        double sum = 0;
        for (int a = 0; a < n; a++) {
            sum += Math.exp(logits[from + a] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[n];
        for (int a = 0; a < n; a++) {
            out[a] = logits[from + a] - log;
        }
        return out;
    }

    /** The probabilities of {@code logits}. */
    static float[] probabilities(float[] logits) {
        double[] logp = logSoftmax(logits, 0, logits.length);
        float[] p = new float[logp.length];
        for (int a = 0; a < p.length; a++) {
            p[a] = (float) Math.exp(logp[a]);
        }
        return p;
    }

    /** An action drawn from the distribution with log-probabilities {@code logp} (inverse CDF). */
    static int sample(double[] logp, UniformRandomProvider rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int a = 0; a < logp.length; a++) {
            cumulative += Math.exp(logp[a]);
            if (u < cumulative) {
                return a;
            }
        }
        return logp.length - 1;
    }

    /** The most likely action (the first of ties). */
    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
