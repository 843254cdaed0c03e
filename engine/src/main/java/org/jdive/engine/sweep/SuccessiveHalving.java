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
 * where they paused rather than starting over.
 */
final class SuccessiveHalving implements Scheduler {

    /** A job's result at its rung. */
    private record Observed(Job job, double error) {
    }

    private final Searcher searcher;
    private final List<Long> rungs;
    private final int[] sizes;
    private final List<List<Observed>> observed = new ArrayList<>();
    private final int[] expected;
    private final Deque<Job> queue = new ArrayDeque<>();
    private int sampled;

    SuccessiveHalving(Searcher searcher, int trials, long minBudget, long maxBudget, int eta) {
        this.searcher = searcher;
        this.rungs = RungLevels.of(minBudget, maxBudget, eta);
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
            return new Job(sampled++, config, rungs.getFirst(), 0);
        }
        return null;
    }

    @Override
    public void update(Job job, double error) {
        searcher.update(job.config(), error);
        observed.get(job.rung()).add(new Observed(job, error));
        promoteIfComplete(job.rung());
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
                .forEach(o -> queue.add(new Job(o.job().trial(), o.job().config(), rungs.get(rung + 1), rung + 1)));
    }
}
