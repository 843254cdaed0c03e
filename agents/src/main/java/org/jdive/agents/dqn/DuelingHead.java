package org.jdive.agents.dqn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;

/**
 * The dueling head of Wang et al. 2016: {@code Q(s, a) = V(s) + A(s, a) - mean_a' A(s, a')}, with separate
 * linear streams for the value and the advantages on top of a shared feature vector.
 */
public final class DuelingHead extends Module {

    private final Linear value;
    private final Linear advantage;

    /**
     * A head on {@code features} shared features giving {@code numActions} Q-values; {@code rng} draws both streams'
     * initial weights.
     */
    public DuelingHead(int features, int numActions, UniformRandomProvider rng) {
        this.value = registerModule("value", new Linear(features, 1, rng));
        this.advantage = registerModule("advantage", new Linear(features, numActions, rng));
    }

    @Override
    public Tensor forward(Tensor features) {
        Tensor a = advantage.forward(features);
        return value.forward(features).add(a.sub(a.mean(1, true)));
    }
}
