package org.jdive.engine.sweep;

/**
 * Decides what runs next and for how long (D2L 19.2's {@code HPOScheduler}): a new configuration from the searcher,
 * or a trial promoted to a larger budget. The tuner asks for jobs while workers are free and reports each job's error.
 * Given the same calls in the same order a scheduler makes the same decisions, so a sweep's journal replays it.
 */
public interface Scheduler {

    /** The next job to start, or null when none can start before a running job reports (or none is left). */
    Job suggest();

    /** Reports the error (the metric to minimise) that {@code job} reached at its budget. */
    void update(Job job, double error);
}
