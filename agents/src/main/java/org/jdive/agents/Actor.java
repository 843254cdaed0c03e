package org.jdive.agents;

import java.util.Optional;
import java.util.function.Function;
import org.jdive.agents.tabular.TabularSnapshot;

/**
 * A trainer of an agent whose current policy can be watched ({@code jdive play RUN}): RL trainers implement it.
 * What the agent knows besides its policy is offered for the window's overlays.
 */
public interface Actor {

    /** The greedy policy of the agent as trained so far. */
    Policy policy();

    /** A tabular agent's tables as trained so far (copies); empty for other agents. */
    default Optional<TabularSnapshot> tables() {
        return Optional.empty();
    }

    /** The agent's Q-values of an observation, one per action (e.g. a DQN's network); empty where there are none. */
    default Optional<Function<float[], float[]>> qValues() {
        return Optional.empty();
    }
}
