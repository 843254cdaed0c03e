package org.jdive.agents;

/**
 * Picks the next action for an observation as {@link org.jdive.envs.Env#step(float[])} takes it: a continuous
 * action laid out as the env's {@link org.jdive.envs.spaces.Box}, or a discrete one as a one-element vector (a
 * {@link Policy}). What an evaluation runs and a window plays, for agents of either kind of action.
 */
@FunctionalInterface
public interface Controller {

    /** The action to take, given an observation laid out as the env's observation space. */
    float[] action(float[] observation);
}
