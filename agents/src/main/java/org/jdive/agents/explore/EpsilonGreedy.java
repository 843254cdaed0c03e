package org.jdive.agents.explore;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * ε-greedy action choice: with probability ε a uniformly random action, otherwise the first action of
 * largest value (NumPy's {@code argmax}, as D2L's {@code e_greedy}).
 */
public final class EpsilonGreedy {

    private EpsilonGreedy() {
    }

    /** An ε-greedy action for the values {@code q[offset .. offset + numActions - 1]}. */
    public static int choose(float[] q, int offset, int numActions, double epsilon, UniformRandomProvider rng) {
        if (rng.nextDouble() < epsilon) {
            return rng.nextInt(numActions);
        }
        int best = 0;
        for (int a = 1; a < numActions; a++) {
            if (q[offset + a] > q[offset + best]) {
                best = a;
            }
        }
        return best;
    }

    /** An ε-greedy action for the values {@code q}. */
    public static int choose(double[] q, double epsilon, UniformRandomProvider rng) {
        if (rng.nextDouble() < epsilon) {
            return rng.nextInt(q.length);
        }
        int best = 0;
        for (int a = 1; a < q.length; a++) {
            if (q[a] > q[best]) {
                best = a;
            }
        }
        return best;
    }

    /** The probability that ε-greedy picks {@code action} given the values {@code q}. */
    public static double probability(double[] q, int action, double epsilon) {
        int best = 0;
        for (int a = 1; a < q.length; a++) {
            if (q[a] > q[best]) {
                best = a;
            }
        }
        return epsilon / q.length + (action == best ? 1 - epsilon : 0);
    }
}
