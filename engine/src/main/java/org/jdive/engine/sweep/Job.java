package org.jdive.engine.sweep;

import java.util.Map;

/**
 * One piece of a sweep's work: trial {@code trial} (a configuration, with a run folder per seed) trained up to
 * {@code budget} units. A promoted trial's next job continues its runs from where the last one paused.
 *
 * @param rung the index of {@code budget} among the scheduler's rung levels (0 for single-fidelity searchers)
 */
public record Job(int trial, Map<String, String> config, long budget, int rung) {

    /** Copies {@code config}, keeping its order. */
    public Job {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }
}
