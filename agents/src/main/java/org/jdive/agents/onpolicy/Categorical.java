package org.jdive.agents.onpolicy;

import org.apache.commons.rng.UniformRandomProvider;

/** The categorical distribution of a policy's logits, in double precision for sampling. */
final class Categorical {

    private Categorical() {
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
