package org.jdive.agents.ppo;

import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;

/**
 * CleanRL's {@code Agent}: a policy network ({@code actor}, logits over the actions) and a value network
 * ({@code critic}) that share nothing; one module so that one optimizer and one checkpoint hold both, under
 * PyTorch's names ({@code actor.0.weight}, {@code critic.4.bias}, ...).
 */
final class ActorCritic extends Module {

    private final Sequential actor;
    private final Sequential critic;

    ActorCritic(Sequential actor, Sequential critic) {
        this.actor = registerModule("actor", actor);
        this.critic = registerModule("critic", critic);
    }

    Sequential actor() {
        return actor;
    }

    Sequential critic() {
        return critic;
    }

    /** The policy's logits. */
    @Override
    public Tensor forward(Tensor x) {
        return actor.forward(x);
    }
}
