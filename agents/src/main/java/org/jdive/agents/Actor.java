package org.jdive.agents;

import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jdive.agents.tabular.TabularSnapshot;

/**
 * A trainer of an agent whose current policy can be watched ({@code jdive play RUN}): RL trainers implement it.
 * What the agent knows besides its policy is offered for the window's overlays.
 */
public interface Actor {

    /**
     * The agent's greedy (for continuous actions, deterministic) policy as trained so far; a {@link Policy} for
     * discrete actions.
     */
    Controller policy();

    /** A tabular agent's tables as trained so far (copies); empty for other agents. */
    default Optional<TabularSnapshot> tables() {
        return Optional.empty();
    }

    /** The agent's score of each action of an observation (a DQN's Q-values, a policy's probabilities), if any. */
    default Optional<ActionScores> actionScores() {
        return Optional.empty();
    }

    /** A Gaussian policy's distribution over continuous actions, if the agent has one. */
    default Optional<GaussianActions> gaussianActions() {
        return Optional.empty();
    }

    /** The agent's estimate of an observation's value (an actor-critic's critic), if it has one. */
    default Optional<ToDoubleFunction<float[]>> stateValue() {
        return Optional.empty();
    }
}
