package org.jdive.envs;

import java.util.Map;

/**
 * What {@link Env#step} returns, as Gymnasium's 5-tuple.
 *
 * @param terminated the MDP reached a terminal state: do not bootstrap from {@code observation}
 * @param truncated  the episode was cut short from outside the MDP (a time limit): do bootstrap
 */
public record Step(float[] observation, float reward, boolean terminated, boolean truncated,
                   Map<String, Object> info) {
}
