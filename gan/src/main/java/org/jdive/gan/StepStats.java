package org.jdive.gan;

/**
 * What one discriminator update and one generator update measured: the two losses as the update rules
 * computed them (with the loss's reduction), and the discriminator's mean probability that real examples are
 * real ({@code D(x)}) and that generated ones are real ({@code D(G(z))}), both from the discriminator update.
 */
public record StepStats(float lossD, float lossG, float dReal, float dFake) {
}
