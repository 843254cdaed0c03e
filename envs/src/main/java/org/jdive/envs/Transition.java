package org.jdive.envs;

/**
 * One possible outcome of taking an action in a state, as an entry of Gymnasium's {@code P[s][a]}.
 *
 * @param terminated whether {@code nextState} ends the episode
 */
public record Transition(double probability, int nextState, double reward, boolean terminated) {
}
