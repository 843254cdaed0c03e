package org.jdive.agents.eval;

import org.jdive.agents.Controller;

/** An agent that learns in chunks of environment steps and can be evaluated between them. */
public interface Trainable {

    /** Learns for {@code count} more environment steps. */
    void train(long count);

    /** Environment steps taken so far. */
    long steps();

    /** The policy to evaluate now (greedy, or ε-greedy with a small ε). */
    Controller evaluationPolicy();
}
