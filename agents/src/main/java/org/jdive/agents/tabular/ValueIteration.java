package org.jdive.agents.tabular;

import java.util.function.Consumer;

/**
 * Value iteration (D2L 17.2; Sutton and Barto 4.4): synchronous Bellman optimality backups
 * {@code V(s) ← max_a Σ p · (r + γ V(s'))} until the largest change falls below a tolerance. The greedy
 * policy of each sweep is the argmax of the Q table computed from the values before it.
 */
public final class ValueIteration {

    private final Mdp mdp;
    private final double gamma;

    /** @param gamma the discount, in [0, 1] */
    public ValueIteration(Mdp mdp, double gamma) {
        this.mdp = mdp;
        this.gamma = Planning.checkGamma(gamma);
    }

    /** Runs until the values change by less than {@code tolerance} or {@code maxSweeps} sweeps are done. */
    public TabularSnapshot run(int maxSweeps, double tolerance) {
        return run(maxSweeps, tolerance, snapshot -> { });
    }

    /**
     * As {@link #run(int, double)}, handing the tables of every sweep to {@code listener}.
     *
     * @return the tables after the last sweep; {@code iteration()} says how many sweeps ran
     */
    public TabularSnapshot run(int maxSweeps, double tolerance, Consumer<TabularSnapshot> listener) {
        Planning.checkSweeps(maxSweeps, tolerance);
        double[] values = new double[mdp.numStates()];
        double[][] q = new double[mdp.numStates()][mdp.numActions()];
        int sweep = 0;
        double change = Double.POSITIVE_INFINITY;
        while (sweep < maxSweeps && change >= tolerance) {
            change = sweep(values, q);
            sweep++;
            listener.accept(new TabularSnapshot(sweep, Tables.copy(q), values.clone(), Tables.greedyPolicy(q)));
        }
        return new TabularSnapshot(sweep, q, values, Tables.greedyPolicy(q));
    }

    /**
     * One synchronous sweep in place: fills {@code q} from {@code values}, then sets {@code values} to
     * {@code max_a q}; returns the largest change of a value.
     */
    public double sweep(double[] values, double[][] q) {
        mdp.backupAll(values, gamma, q);
        double change = 0;
        for (int s = 0; s < values.length; s++) {
            double v = q[s][Tables.argmax(q[s])];
            change = Math.max(change, Math.abs(v - values[s]));
            values[s] = v;
        }
        return change;
    }
}
