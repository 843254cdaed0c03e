package org.jdive.agents.tabular;

import java.util.function.Consumer;

/**
 * Policy iteration (Sutton and Barto 4.3): evaluate the current policy, make it greedy in its own values,
 * repeat until it no longer changes. An action is replaced only by a strictly better one (by more than the
 * evaluation tolerance), so that ties between equally good actions cannot make it cycle.
 */
public final class PolicyIteration {

    private final Mdp mdp;
    private final double gamma;
    private final double tolerance;
    private final int maxEvaluationSweeps;

    /**
     * @param tolerance           policy evaluation stops when a sweep changes the values by less
     * @param maxEvaluationSweeps bound on the sweeps of one evaluation (needed when {@code gamma} is 1)
     */
    public PolicyIteration(Mdp mdp, double gamma, double tolerance, int maxEvaluationSweeps) {
        this.mdp = mdp;
        this.gamma = Planning.checkGamma(gamma);
        Planning.checkSweeps(maxEvaluationSweeps, tolerance);
        this.tolerance = tolerance;
        this.maxEvaluationSweeps = maxEvaluationSweeps;
    }

    /** Improves the all-zero policy until it is stable or {@code maxIterations} improvements were made. */
    public TabularSnapshot run(int maxIterations) {
        return run(maxIterations, snapshot -> { });
    }

    /** As {@link #run(int)}, handing the tables after every improvement to {@code listener}. */
    public TabularSnapshot run(int maxIterations, Consumer<TabularSnapshot> listener) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        int[] policy = new int[mdp.numStates()];
        double[][] q = new double[mdp.numStates()][mdp.numActions()];
        double[] values = new double[mdp.numStates()];
        int iteration = 0;
        boolean stable;
        do {
            stable = iterate(policy, values, q) == 0;
            iteration++;
            listener.accept(new TabularSnapshot(iteration, Tables.copy(q), values.clone(), policy.clone()));
        } while (!stable && iteration < maxIterations);
        return new TabularSnapshot(iteration, q, values, policy);
    }

    /**
     * One iteration, in place: evaluates {@code policy} into {@code values}, fills {@code q} from those values, and
     * makes {@code policy} greedy in {@code q} where an action is strictly better than its current one.
     *
     * @return how many states changed their action; 0 when the policy is stable (optimal)
     */
    public int iterate(int[] policy, double[] values, double[][] q) {
        System.arraycopy(Planning.evaluate(mdp, policy, gamma, tolerance, maxEvaluationSweeps), 0, values, 0, values.length);
        mdp.backupAll(values, gamma, q);
        int changed = 0;
        for (int s = 0; s < policy.length; s++) {
            int best = Tables.argmax(q[s]);
            if (q[s][best] > q[s][policy[s]] + tolerance) {
                policy[s] = best;
                changed++;
            }
        }
        return changed;
    }
}
