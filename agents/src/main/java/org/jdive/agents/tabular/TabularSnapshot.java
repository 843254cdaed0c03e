package org.jdive.agents.tabular;

/**
 * A tabular agent's tables after one sweep (planning) or one episode (learning): what a window draws as
 * values, Q-bars and policy arrows. The arrays are copies the agent no longer touches.
 *
 * @param iteration the number of sweeps or episodes done so far
 * @param q         {@code q[s][a]}
 * @param values    {@code V(s)}: for planners the value being iterated, for learners {@code max_a q[s][a]}
 * @param policy    the greedy action of each state
 */
public record TabularSnapshot(int iteration, double[][] q, double[] values, int[] policy) {

    /** A snapshot of copies of the given tables, with values and policy greedy in {@code q}. */
    static TabularSnapshot ofQ(int iteration, double[][] q) {
        double[][] copy = Tables.copy(q);
        return new TabularSnapshot(iteration, copy, Tables.maxValues(copy), Tables.greedyPolicy(copy));
    }
}
