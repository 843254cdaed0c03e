package org.jdive.rendering.play;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Env;
import org.jdive.envs.Rng;
import org.jdive.envs.spaces.Discrete;

/**
 * What picks the actions of the env being watched or recorded: a random policy, a human at the keyboard
 * ({@link HumanControls}), or any function of the observation (a trained agent's greedy action, a scripted
 * controller).
 */
@FunctionalInterface
public interface Policy {

    /** The action to take given the current observation. */
    int act(float[] observation);

    /** Uniformly random actions from {@code env}'s discrete action space, from a seeded stream. */
    static Policy random(Env env, long seed) {
        if (!(env.actionSpace() instanceof Discrete discrete)) {
            throw new IllegalArgumentException("a random policy needs a Discrete action space, got " + env.actionSpace());
        }
        UniformRandomProvider rng = Rng.seeded(seed);
        return observation -> rng.nextInt(discrete.n());
    }
}
