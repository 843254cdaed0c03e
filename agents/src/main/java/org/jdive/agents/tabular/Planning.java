package org.jdive.agents.tabular;

/** Argument checks and policy evaluation shared by the planners. */
public final class Planning {

    private Planning() {
    }

    static double checkGamma(double gamma) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("the discount gamma must lie in [0, 1], got " + gamma);
        }
        return gamma;
    }

    static void checkSweeps(int maxSweeps, double tolerance) {
        if (maxSweeps < 1) {
            throw new IllegalArgumentException("maxSweeps must be >= 1, got " + maxSweeps);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
    }

    /**
     * Iterative policy evaluation (Sutton and Barto 4.1): the values {@code V^π} of a deterministic policy,
     * by in-place sweeps until they change by less than {@code tolerance} (or {@code maxSweeps} sweeps).
     */
    public static double[] evaluate(Mdp mdp, int[] policy, double gamma, double tolerance, int maxSweeps) {
        checkGamma(gamma);
        checkSweeps(maxSweeps, tolerance);
        if (policy.length != mdp.numStates()) {
            throw new IllegalArgumentException("the policy has " + policy.length + " entries but the MDP has "
                    + mdp.numStates() + " states");
        }
        double[] values = new double[mdp.numStates()];
        double change = Double.POSITIVE_INFINITY;
        for (int sweep = 0; sweep < maxSweeps && change >= tolerance; sweep++) {
            change = 0;
            for (int s = 0; s < values.length; s++) {
                double v = mdp.backup(values, gamma, s, policy[s]);
                change = Math.max(change, Math.abs(v - values[s]));
                values[s] = v;
            }
        }
        return values;
    }
}
