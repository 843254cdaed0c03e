package org.jdive.gan;

import java.util.Objects;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.loss.Losses;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Optimizer;

/**
 * A generator, a discriminator that outputs logits, their optimizers, and D2L's two update rules (20.1):
 * {@link #updateDiscriminator} ascends {@code log D(x) + log(1 - D(G(z)))} with binary cross-entropy against
 * labels 1 for real and 0 for generated examples, averaged over the two halves; {@link #updateGenerator} uses
 * the non-saturating loss, cross-entropy of {@code D(G(z))} against label 1. The reduction of the
 * cross-entropy is D2L's {@code SUM} unless chosen otherwise.
 *
 * <p>The gan owns neither network nor optimizer: whoever built them closes them.
 */
public final class Gan {

    private final Module generator;
    private final Module discriminator;
    private final Optimizer optimizerG;
    private final Optimizer optimizerD;
    private final Reduction reduction;

    /**
     * The two networks and their optimizers, none of which this gan closes.
     *
     * @param generator maps a batch of noise to a batch of examples
     * @param discriminator maps a batch of examples to one logit each (no sigmoid at the end)
     * @param optimizerG steps the generator's parameters
     * @param optimizerD steps the discriminator's parameters
     * @param reduction how the cross-entropy combines a batch's values: D2L sums ({@code SUM}), PyTorch's examples
     *                  average
     */
    public Gan(Module generator, Module discriminator, Optimizer optimizerG, Optimizer optimizerD, Reduction reduction) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
        this.optimizerG = Objects.requireNonNull(optimizerG, "optimizerG");
        this.optimizerD = Objects.requireNonNull(optimizerD, "optimizerD");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** One discriminator step on real examples {@code x} and noise {@code z} (D2L's {@code update_D}). */
    public DiscriminatorStep updateDiscriminator(Tensor x, Tensor z) {
        try (Scope scope = Scope.open()) {
            optimizerD.zeroGrad();
            Tensor realY = discriminator.forward(x);
            Tensor fakeX = generator.forward(z).detach();   // no gradient reaches the generator
            Tensor fakeY = discriminator.forward(fakeX);
            Tensor loss = Losses.bceWithLogits(realY, Tensor.full(realY.backend(), 1f, realY.shape()), reduction)
                    .add(Losses.bceWithLogits(fakeY, Tensor.zeros(fakeY.backend(), fakeY.shape()), reduction))
                    .div(2f);
            loss.backward();
            optimizerD.step();
            float dReal;
            float dFake;
            try (NoGrad off = NoGrad.open()) {
                dReal = realY.sigmoid().mean().item();
                dFake = fakeY.sigmoid().mean().item();
            }
            return new DiscriminatorStep(loss.item(), dReal, dFake);
        }
    }

    /** One generator step on noise {@code z} (D2L's {@code update_G}); returns the generator's loss. */
    public float updateGenerator(Tensor z) {
        try (Scope scope = Scope.open()) {
            optimizerG.zeroGrad();
            Tensor fakeY = discriminator.forward(generator.forward(z));
            Tensor loss = Losses.bceWithLogits(fakeY, Tensor.full(fakeY.backend(), 1f, fakeY.shape()), reduction);
            loss.backward();   // also fills D's gradients, which the next discriminator step zeroes first
            optimizerG.step();
            return loss.item();
        }
    }

    /** Both updates, discriminator first, with the same noise (as D2L's training loops). */
    public StepStats step(Tensor x, Tensor z) {
        DiscriminatorStep d = updateDiscriminator(x, z);
        float lossG = updateGenerator(z);
        return new StepStats(d.loss(), lossG, d.dReal(), d.dFake());
    }

    /** What a discriminator step measured: its loss and the mean probabilities {@code D(x)} and {@code D(G(z))}. */
    public record DiscriminatorStep(float loss, float dReal, float dFake) {
    }

    /** The generator, maps noise to examples. */
    public Module generator() {
        return generator;
    }

    /** The discriminator, maps examples to logits. */
    public Module discriminator() {
        return discriminator;
    }

    /** The generator's optimizer. */
    public Optimizer optimizerG() {
        return optimizerG;
    }

    /** The discriminator's optimizer. */
    public Optimizer optimizerD() {
        return optimizerD;
    }

    /** How the cross-entropy combines a batch's values. */
    public Reduction reduction() {
        return reduction;
    }
}
