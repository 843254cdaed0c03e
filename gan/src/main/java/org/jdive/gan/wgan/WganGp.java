package org.jdive.gan.wgan;

import java.util.Objects;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Optimizer;

/**
 * WGAN-GP's two update rules (Gulrajani et al. 2017, Algorithm 1). The critic {@code D} outputs an unbounded score
 * (no sigmoid); it descends {@code D(x̃) − D(x) + λ (‖∇_x̂ D(x̂)‖₂ − 1)²}, where {@code x̃ = G(z)} and
 * {@code x̂ = εx + (1 − ε)x̃} with one {@code ε ~ U[0, 1]} per example, so that {@code E D(x) − E D(x̃)} estimates
 * the Wasserstein-1 distance under a soft 1-Lipschitz constraint. The generator descends {@code −D(G(z))}.
 *
 * <p>The penalty differentiates {@code D} twice: {@code ∇_x̂ D(x̂)} is taken with {@code createGraph}, so the
 * loss built from it back-propagates to the critic's parameters. Neither network nor optimizer is closed here.
 */
public final class WganGp {

    private final Module generator;
    private final Module critic;
    private final Optimizer optimizerG;
    private final Optimizer optimizerD;
    private final float lambda;

    /**
     * @param critic maps a batch of examples to one score each
     * @param lambda the penalty's weight λ (the paper's 10)
     */
    public WganGp(Module generator, Module critic, Optimizer optimizerG, Optimizer optimizerD, float lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("WGAN-GP: the penalty weight λ must be >= 0, got " + lambda);
        }
        this.generator = Objects.requireNonNull(generator, "generator");
        this.critic = Objects.requireNonNull(critic, "critic");
        this.optimizerG = Objects.requireNonNull(optimizerG, "optimizerG");
        this.optimizerD = Objects.requireNonNull(optimizerD, "optimizerD");
        this.lambda = lambda;
    }

    /**
     * One critic step on real examples {@code x} ({@code [n, ...]}), noise {@code z} and interpolation weights
     * {@code epsilon} ({@code [n]}, uniform in [0, 1]).
     */
    public CriticStep updateCritic(Tensor x, Tensor z, Tensor epsilon) {
        try (Scope scope = Scope.open()) {
            optimizerD.zeroGrad();
            Tensor fake = generator.forward(z).detach();   // no gradient reaches the generator
            Tensor realScore = critic.forward(x).mean();
            Tensor fakeScore = critic.forward(fake).mean();
            Tensor penalty = gradientPenalty(x, fake, epsilon);
            Tensor loss = fakeScore.sub(realScore).add(penalty.mul(lambda));
            loss.backward();
            optimizerD.step();
            return new CriticStep(loss.item(), realScore.item(), fakeScore.item(), penalty.item());
        }
    }

    /** {@code mean (‖∇_x̂ D(x̂)‖₂ − 1)²} at {@code x̂ = εx + (1 − ε)x̃}, differentiable in the critic's parameters. */
    Tensor gradientPenalty(Tensor real, Tensor fake, Tensor epsilon) {
        int[] perExample = new int[real.rank()];
        java.util.Arrays.fill(perExample, 1);
        perExample[0] = real.shape(0);
        Tensor e = epsilon.reshape(perExample);
        Tensor interpolates;
        try (NoGrad off = NoGrad.open()) {
            interpolates = real.mul(e).add(fake.mul(e.rsub(1f)));
        }
        interpolates.requiresGrad(true);
        Tensor grad = critic.forward(interpolates).sum().gradient(true, interpolates)[0];
        return grad.flatten(1).square().sum(1, false).sqrt().sub(1f).square().mean();
    }

    /** One generator step on noise {@code z}; returns its loss {@code −mean D(G(z))}. */
    public float updateGenerator(Tensor z) {
        try (Scope scope = Scope.open()) {
            optimizerG.zeroGrad();
            Tensor loss = critic.forward(generator.forward(z)).mean().neg();
            loss.backward();   // also fills the critic's gradients, which its next step zeroes first
            optimizerG.step();
            return loss.item();
        }
    }

    /**
     * What a critic step measured: its loss (penalty included), the mean scores of real and generated examples
     * (their difference is the Wasserstein estimate) and the gradient penalty before weighting.
     */
    public record CriticStep(float loss, float realScore, float fakeScore, float penalty) {
    }
}
