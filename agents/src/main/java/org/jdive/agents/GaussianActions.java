package org.jdive.agents;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Gaussian policy's distribution over continuous actions, as the window shows it.
 *
 * @param mean an observation's action mean, laid out as the env's action box (before any clipping)
 * @param std  the standard deviation of each action value as it stands (the same for every state)
 */
public record GaussianActions(Function<float[], float[]> mean, Supplier<float[]> std) {
}
