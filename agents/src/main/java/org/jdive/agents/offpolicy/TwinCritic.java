package org.jdive.agents.offpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;

/**
 * Two Q-networks over the observation and the action side by side ({@code qf0}, {@code qf1}, Stable-Baselines3's
 * {@code ContinuousCritic} with {@code n_critics = 2}): clipped double Q-learning takes the smaller of the two.
 */
final class TwinCritic extends Module {

    private final Sequential q1;
    private final Sequential q2;

    TwinCritic(int observationSize, int actionSize, int[] hidden, UniformRandomProvider rng) {
        this.q1 = registerModule("qf0", Mlp.of(observationSize + actionSize, hidden, 1, rng));
        this.q2 = registerModule("qf1", Mlp.of(observationSize + actionSize, hidden, 1, rng));
    }

    /** The first Q-network's values, [n, 1]. */
    Tensor q1(Tensor obs, Tensor actions) {
        return q1.forward(Tensor.concat(1, obs, actions));
    }

    /** The second Q-network's values, [n, 1]. */
    Tensor q2(Tensor obs, Tensor actions) {
        return q2.forward(Tensor.concat(1, obs, actions));
    }

    /** The smaller of the two values of each row, [n, 1]. */
    Tensor min(Tensor obs, Tensor actions) {
        Tensor x = Tensor.concat(1, obs, actions);
        return q1.forward(x).minimum(q2.forward(x));
    }

    /** Needs an observation and an action: use {@link #q1}, {@link #q2} or {@link #min}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("a critic values an observation and an action: call q1, q2 or min");
    }
}
