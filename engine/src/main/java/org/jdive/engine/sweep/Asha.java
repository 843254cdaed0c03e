package org.jdive.engine.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asynchronous successive halving (ASHA; Li et al. 2020, Algorithm 2; D2L 19.5): whenever a worker is free, promote
 * a trial that is among the best {@code 1/η} of the results reported at its rung and has not gone on yet, looking
 * from the highest rung down; if there is none, start a new configuration at the first rung. No rung waits for the
 * others, so workers never idle, and a promotion decided on fewer results may go to a trial synchronous halving would
 * have dropped. At most {@code trials} configurations start.
 */
final class Asha implements Scheduler {

    /** A job's result at its rung. */
    private record Observed(Job job, double error) {
    }

    private final Searcher searcher;
    private final int trials;
    private final int eta;
    private final List<Long> rungs;
    private final List<List<Observed>> observed = new ArrayList<>();
    private final List<Set<Integer>> promoted = new ArrayList<>();
    private int sampled;

    Asha(Searcher searcher, int trials, long minBudget, long maxBudget, int eta) {
        this.searcher = searcher;
        this.trials = trials;
        this.eta = eta;
        this.rungs = RungLevels.of(minBudget, maxBudget, eta);
        for (int i = 0; i < rungs.size(); i++) {
            observed.add(new ArrayList<>());
            promoted.add(new HashSet<>());
        }
    }

    @Override
    public Job suggest() {
        for (int rung = rungs.size() - 2; rung >= 0; rung--) {
            List<Observed> results = observed.get(rung);
            int top = results.size() / eta;
            Set<Integer> gone = promoted.get(rung);
            for (Observed o : results.stream().sorted(Comparator.comparingDouble(Observed::error)
                    .thenComparingInt(x -> x.job().trial())).limit(top).toList()) {
                if (gone.add(o.job().trial())) {
                    return new Job(o.job().trial(), o.job().config(), rungs.get(rung + 1), rung + 1);
                }
            }
        }
        if (sampled < trials) {
            Map<String, String> config = searcher.sampleConfiguration();
            if (config != null) {
                return new Job(sampled++, config, rungs.getFirst(), 0);
            }
        }
        return null;
    }

    @Override
    public void update(Job job, double error) {
        searcher.update(job.config(), error);
        observed.get(job.rung()).add(new Observed(job, error));
    }
}
