package org.jdive.engine.sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Synchronous successive halving (D2L 19.4): {@code n} configurations start at the first rung's budget; once every
 * job of a rung has reported, the best {@code 1/η} of them go on to the next rung, until the last rung's budget is
 * the full one. Rung {@code i} holds {@code max(1, ⌊n / η^i⌋)} trials. A promoted trial continues its runs from
 * where they paused rather than starting over. As one of {@link Hyperband}'s brackets it starts at a later rung of
 * the sweep's levels, and numbers its trials after the brackets before it.
 */
final class SuccessiveHalving implements Scheduler {

    /** A job's result at its rung. */
    private record Observed(Job job, double error) {
    }

    private final Searcher searcher;
    private final List<Long> rungs;
    /** The index among the sweep's rung levels of this instance's first rung (jobs carry the sweep's index). */
    private final int firstRung;
    private final int firstTrial;
    private final int[] sizes;
    private final List<List<Observed>> observed = new ArrayList<>();
    private final int[] expected;
    private final Deque<Job> queue = new ArrayDeque<>();
    private int sampled;

    SuccessiveHalving(Searcher searcher, int trials, long minBudget, long maxBudget, int eta) {
        this(searcher, trials, RungLevels.of(minBudget, maxBudget, eta), 0, eta, 0);
    }

    /**
     * Successive halving over the levels {@code levels.subList(firstRung, levels.size())}, numbering its trials from
     * {@code firstTrial}.
     */
    SuccessiveHalving(Searcher searcher, int trials, List<Long> levels, int firstRung, int eta, int firstTrial) {
        this.searcher = searcher;
        this.rungs = levels.subList(firstRung, levels.size());
        this.firstRung = firstRung;
        this.firstTrial = firstTrial;
        this.sizes = new int[rungs.size()];
        this.expected = new int[rungs.size()];
        long n = trials;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (int) Math.max(1, n);
            n /= eta;
            observed.add(new ArrayList<>());
        }
        expected[0] = sizes[0];
    }

    /** How many configurations this instance starts at its first rung. */
    int trials() {
        return sizes[0];
    }

    @Override
    public Job suggest() {
        if (!queue.isEmpty()) {
            return queue.poll();
        }
        if (sampled < sizes[0]) {
            Map<String, String> config = searcher.sampleConfiguration();
            if (config == null) { // a searcher with fewer configurations than asked for: the first rung is smaller
                expected[0] = sampled;
                promoteIfComplete(0);
                return queue.poll();
            }
            return new Job(firstTrial + sampled++, config, rungs.getFirst(), firstRung);
        }
        return null;
    }

    @Override
    public void update(Job job, double error) {
        searcher.update(job.config(), error);
        observed.get(job.rung() - firstRung).add(new Observed(job, error));
        promoteIfComplete(job.rung() - firstRung);
    }

    /** Once every job of {@code rung} has reported, queues its best for the next rung. */
    private void promoteIfComplete(int rung) {
        List<Observed> results = observed.get(rung);
        if (rung + 1 >= rungs.size() || results.size() < expected[rung] || expected[rung] == 0) {
            return;
        }
        int next = Math.min(sizes[rung + 1], results.size());
        expected[rung + 1] = next;
        results.stream().sorted(Comparator.comparingDouble(Observed::error).thenComparingInt(o -> o.job().trial()))
                .limit(next)
                .forEach(o -> queue.add(new Job(o.job().trial(), o.job().config(), rungs.get(rung + 1),
                        firstRung + rung + 1)));
    }
}
