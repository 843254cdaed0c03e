package org.jdive.cli.train;

import org.jdive.agents.Policy;

/** A trainer of an agent whose current policy can be watched ({@code jdive play RUN}): RL trainers implement it. */
public interface Actor {

    /** The greedy policy of the agent as trained so far. */
    Policy policy();
}
