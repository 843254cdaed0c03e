package org.jdive.agents.onpolicy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
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
     * MLPs of the {@code hidden} widths built in the given style ({@link NetworkStyle}: CleanRL's tanh layers with
     * orthogonal weights, or gymnax's ReLU layers with LeCun-normal weights). The critic is drawn first, as CleanRL
     * does. With {@code gaussianActions} above 0 the actor's {@code outputs} are a Gaussian's means and a
     * state-independent log-standard deviation joins them ({@code actor_logstd}, [1, gaussianActions], from 0).
     */
    static ActorCritic mlps(int observationSize, int outputs, int[] hidden, boolean withCritic, int gaussianActions,
                            NetworkStyle style, UniformRandomProvider rng) {
        Sequential critic = withCritic ? mlp(observationSize, 1, hidden, 1.0f, style, rng) : null;
        Sequential actor = mlp(observationSize, outputs, hidden, 0.01f, style, rng);
        return new ActorCritic(actor, critic, gaussianActions);
    }

    private static Sequential mlp(int in, int out, int[] hidden, float headGain, NetworkStyle style,
                                  UniformRandomProvider rng) {
        List<Module> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(layer(width, h, (float) Math.sqrt(2), style, rng));
            layers.add(style == NetworkStyle.GYMNAX ? new Relu() : new Tanh());
            width = h;
        }
        layers.add(layer(width, out, headGain, style, rng));
        return new Sequential(layers.toArray(Module[]::new));
    }

    private static Linear layer(int in, int out, float gain, NetworkStyle style, UniformRandomProvider rng) {
        Linear layer = new Linear(in, out, rng);
        if (style == NetworkStyle.GYMNAX) {
            Init.lecunNormal().fill(layer.weight(), rng);
            Init.uniform(0f, 0.05f).fill(layer.namedParameters().get("bias"), rng);
        } else {
            Init.orthogonal(gain).fill(layer.weight(), rng);
            Init.zeros().fill(layer.namedParameters().get("bias"), rng);
        }
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

    /** The policy's logits (or a Gaussian's means). */
    @Override
    public Tensor forward(Tensor x) {
        return actor.forward(x);
    }
}
