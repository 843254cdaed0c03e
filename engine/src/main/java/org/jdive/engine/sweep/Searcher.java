package org.jdive.engine.sweep;

import java.util.Map;

/**
 * Proposes configurations to try (D2L 19.2's {@code HPOSearcher}): random search and grid search here; a searcher
 * that models the results (Bayesian optimisation) would learn from {@link #update}.
 */
public interface Searcher {

    /** The next configuration, key to value as a scenario writes it, or null when there is none left. */
    Map<String, String> sampleConfiguration();

    /** The error (the metric to minimise) a configuration reached; random and grid search ignore it. */
    default void update(Map<String, String> config, double error) {
    }
}
