package org.jdive.rendering.play;

import java.util.function.ToIntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Env;
import org.jdive.envs.Rng;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;

/**
 * What picks the actions of the env being watched or recorded: a random policy, a human at the keyboard
 * ({@link HumanControls}), or any function of the observation (a trained agent's greedy or deterministic action, a
 * scripted controller).
 */
@FunctionalInterface
public interface Policy {

    /**
     * The action to take given the current observation, as {@link Env#step(float[])} takes it: a discrete action as
     * one whole number, a continuous one laid out as the env's {@link Box}.
     */
    float[] act(float[] observation);

    /** A policy of discrete actions, numbered as the env's {@link Discrete} space numbers them. */
    static Policy discrete(ToIntFunction<float[]> choose) {
        return observation -> new float[] {choose.applyAsInt(observation)};
    }

    /** Uniformly random actions from {@code env}'s discrete or bounded continuous action space, from a seeded stream. */
    static Policy random(Env env, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        if (env.actionSpace() instanceof Discrete discrete) {
            return discrete(observation -> rng.nextInt(discrete.n()));
        }
        if (env.actionSpace() instanceof Box box && boundedEverywhere(box)) {
            return observation -> box.sample(rng);
        }
        throw new IllegalArgumentException("a random policy needs a Discrete or a bounded Box action space, got "
                + env.actionSpace());
    }

    private static boolean boundedEverywhere(Box box) {
        float[] low = box.low();
        float[] high = box.high();
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                return false;
            }
        }
        return true;
    }
}
