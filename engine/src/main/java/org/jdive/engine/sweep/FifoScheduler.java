package org.jdive.engine.sweep;

import java.util.Map;

/**
 * Every configuration to the full budget, in the searcher's order (D2L 19.2's {@code BasicScheduler}): grid and random
 * search. With several workers it is D2L 19.3's asynchronous random search.
 */
final class FifoScheduler implements Scheduler {

    private final Searcher searcher;
    private final int trials;
    private final long budget;
    private int started;

    FifoScheduler(Searcher searcher, int trials, long budget) {
        this.searcher = searcher;
        this.trials = trials;
        this.budget = budget;
    }

    @Override
    public Job suggest() {
        if (started >= trials) {
            return null;
        }
        Map<String, String> config = searcher.sampleConfiguration();
        return config == null ? null : new Job(started++, config, budget, 0);
    }

    @Override
    public void update(Job job, double error) {
        searcher.update(job.config(), error);
    }
}
