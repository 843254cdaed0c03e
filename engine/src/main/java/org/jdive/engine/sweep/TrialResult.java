package org.jdive.engine.sweep;

/**
 * A job's reported result, as the journal keeps it.
 *
 * @param job     the job: trial, configuration, budget, rung
 * @param value   the metric, mean over seeds, at the job's budget
 * @param error   the same as the error the scheduler minimised
 * @param seconds the job's wall time
 * @param at      the sweep's wall time when it reported, counted across resumes
 */
public record TrialResult(Job job, double value, double error, double seconds, double at) {
}
