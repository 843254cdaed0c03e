package org.jdive.gan;

/**
 * One epoch's training record. The losses are D2L's: the batch losses summed over the epoch and divided by the
 * number of examples (with D2L's {@code SUM} reduction, the loss per example). {@code dReal} and {@code dFake}
 * are the discriminator's mean probabilities for real and generated examples, averaged over batches.
 */
public record EpochStats(int epoch, float lossD, float lossG, float dReal, float dFake, int steps, double seconds) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "epoch %d: loss_D %.4f, loss_G %.4f, D(x) %.3f, D(G(z)) %.3f, %d steps, %.1f s",
                epoch, lossD, lossG, dReal, dFake, steps, seconds);
    }
}
