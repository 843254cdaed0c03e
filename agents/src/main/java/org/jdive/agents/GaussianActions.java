package org.jdive.agents;

import java.util.function.Function;

/**
 * A Gaussian policy's distribution over continuous actions, as the window shows it.
 *
 * @param mean an observation's action mean, laid out as the env's action box (before any clipping)
 * @param std  an observation's standard deviation of each action value
 */
public record GaussianActions(Function<float[], float[]> mean, Function<float[], float[]> std) {
}
