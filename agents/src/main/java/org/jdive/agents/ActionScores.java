package org.jdive.agents;

import java.util.function.Function;

/**
 * A score per action of an observation, as an agent knows it: a DQN's Q-values ({@code "Q"}), a policy's action
 * probabilities ({@code "policy"}). The window draws them as bars, the highest highlighted; its bitmap font has
 * ASCII only.
 *
 * @param name   what the scores are, for the caption
 * @param scores an observation's scores, one per action
 */
public record ActionScores(String name, Function<float[], float[]> scores) {
}
