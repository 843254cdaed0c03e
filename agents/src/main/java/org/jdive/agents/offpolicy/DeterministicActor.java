package org.jdive.agents.offpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;

/** TD3's actor as Stable-Baselines3 builds it: a ReLU MLP whose output is squashed by tanh into [−1, 1]. */
final class DeterministicActor extends Module {

    private final Sequential mu;

    DeterministicActor(int observationSize, int actionSize, int[] hidden, UniformRandomProvider rng) {
        this.mu = registerModule("mu", Mlp.of(observationSize, hidden, actionSize, rng));
    }

    /** The actions, [n, k], in [−1, 1]. */
    @Override
    public Tensor forward(Tensor obs) {
        return mu.forward(obs).tanh();
    }
}
