package org.jdive.gan;

/**
 * One epoch's training record. The losses are per example: as D2L reports them, the summed batch losses
 * divided by the number of examples under the {@code SUM} reduction; the mean of the batch losses under
 * {@code MEAN}. {@code dReal} and {@code dFake}
 * are the discriminator's mean probabilities for real and generated examples, averaged over batches.
 */
public record EpochStats(int epoch, float lossD, float lossG, float dReal, float dFake, int steps, double seconds) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "epoch %d: loss_D %.4f, loss_G %.4f, D(x) %.3f, D(G(z)) %.3f, %d steps, %.1f s",
                epoch, lossD, lossG, dReal, dFake, steps, seconds);
    }
}
