package org.jdive.agents.onpolicy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.Tanh;
import org.jdive.core.nn.init.Init;

/**
 * CleanRL's {@code Agent}: a policy network ({@code actor}, logits over the actions) and, unless the algorithm needs
 * none, a value network ({@code critic}) that share nothing; one module so that one optimizer and one checkpoint hold
 * both, under PyTorch's names ({@code actor.0.weight}, {@code critic.4.bias}, ...).
 */
final class ActorCritic extends Module {

    private final Sequential actor;
    private final Sequential critic;
    private final Tensor logStd;

    private ActorCritic(Sequential actor, Sequential critic, int gaussianActions) {
        this.actor = registerModule("actor", actor);
        this.critic = critic == null ? null : registerModule("critic", critic);
        this.logStd = gaussianActions == 0 ? null
                : registerParameter("actor_logstd", Tensor.zeros(1, gaussianActions));
    }

    /**
     * Tanh MLPs of the {@code hidden} widths initialised as CleanRL's {@code layer_init} (and SB3's
     * {@code ortho_init}): orthogonal weights with gain √2, the policy head's 0.01 and the value head's 1, zero biases.
     * The critic is drawn first, as CleanRL does. With {@code gaussianActions} above 0 the actor's {@code outputs}
     * are a Gaussian's means and a state-independent log-standard deviation joins them ({@code actor_logstd},
     * [1, gaussianActions], from 0).
     */
    static ActorCritic tanhMlps(int observationSize, int outputs, int[] hidden, boolean withCritic,
                                int gaussianActions, UniformRandomProvider rng) {
        Sequential critic = withCritic ? mlp(observationSize, 1, hidden, 1.0f, rng) : null;
        Sequential actor = mlp(observationSize, outputs, hidden, 0.01f, rng);
        return new ActorCritic(actor, critic, gaussianActions);
    }

    private static Sequential mlp(int in, int out, int[] hidden, float headGain, UniformRandomProvider rng) {
        List<Module> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(layer(width, h, (float) Math.sqrt(2), rng));
            layers.add(new Tanh());
            width = h;
        }
        layers.add(layer(width, out, headGain, rng));
        return new Sequential(layers.toArray(Module[]::new));
    }

    private static Linear layer(int in, int out, float gain, UniformRandomProvider rng) {
        Linear layer = new Linear(in, out, rng);
        Init.orthogonal(gain).fill(layer.weight(), rng);
        Init.zeros().fill(layer.namedParameters().get("bias"), rng);
        return layer;
    }

    Sequential actor() {
        return actor;
    }

    /** The Gaussian policy's log-standard deviations, [1, k]; {@code null} for a categorical policy. */
    Tensor logStd() {
        return logStd;
    }

    /** The value network; {@code null} where there is none. */
    Sequential critic() {
        return critic;
    }

    /** The policy's logits. */
    @Override
    public Tensor forward(Tensor x) {
        return actor.forward(x);
    }
}
