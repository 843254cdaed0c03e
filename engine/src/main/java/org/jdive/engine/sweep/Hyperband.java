package org.jdive.engine.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband (Li et al. 2018): successive halving in brackets that trade how many configurations start against how
 * small a budget they start with, so that no single guess of {@code min_budget} decides the sweep. With the rung
 * levels {@code r_0 < ... < r_K} of {@link RungLevels} ({@code r_K} the full budget), bracket {@code s}, for
 * {@code s = K} down to 0, starts {@code ⌈(K + 1) / (s + 1) · η^s⌉} configurations at {@code r_{K-s}} and keeps the
 * best {@code 1/η} at each rung up to {@code r_K}; bracket 0 is plain random search at the full budget. Brackets
 * start in that order, a later one as soon as the earlier ones have nothing to start until a running job reports,
 * so that no worker waits at a bracket's end.
 */
final class Hyperband implements Scheduler {

    private final List<SuccessiveHalving> brackets = new ArrayList<>();

    /** Hyperband from {@code minBudget} to {@code maxBudget}, sampling every bracket's configurations from one searcher. */
    Hyperband(Searcher searcher, long minBudget, long maxBudget, int eta) {
        List<Long> levels = RungLevels.of(minBudget, maxBudget, eta);
        int k = levels.size() - 1;
        int trials = 0;
        for (int s = k; s >= 0; s--) {
            int n = bracketSize(k, s, eta);
            brackets.add(new SuccessiveHalving(searcher, n, levels, k - s, eta, trials));
            trials += n;
        }
    }

    /** How many configurations bracket {@code s} of {@code 0..k} starts: {@code ⌈(k + 1) / (s + 1) · η^s⌉}. */
    static int bracketSize(int k, int s, int eta) {
        long power = 1;
        for (int i = 0; i < s; i++) {
            power = Math.multiplyExact(power, eta);
        }
        return Math.toIntExact(((k + 1) * power + s) / (s + 1));
    }

    @Override
    public Job suggest() {
        for (SuccessiveHalving bracket : brackets) {
            Job job = bracket.suggest();
            if (job != null) {
                return job;
            }
        }
        return null;
    }

    @Override
    public void update(Job job, double error) {
        brackets.get(bracketOf(job.trial())).update(job, error);
    }

    private int bracketOf(int trial) {
        int first = 0;
        for (int b = 0; b < brackets.size(); b++) {
            first += brackets.get(b).trials();
            if (trial < first) {
                return b;
            }
        }
        throw new IllegalArgumentException("trial " + trial + " belongs to no bracket");
    }
}
