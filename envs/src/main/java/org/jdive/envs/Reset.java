package org.jdive.envs;

import java.util.Map;

/** What {@link Env#reset} returns: the first observation of an episode and its info. */
public record Reset(float[] observation, Map<String, Object> info) {
}
