package org.jdive.gan.wgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;
import org.jdive.gan.mixture.GaussianMixture;
import org.junit.jupiter.api.Test;

/** WGAN-GP's critic step against its definition, and its critic against a Wasserstein distance known in closed form. */
class WganGpTest {

    /**
     * With the generator a point mass at the origin, the Wasserstein-1 distance to the ring of radius 2 is 2 (σ = 0.02
     * adds 1e-4), and the interpolates lie on the rays from the origin to the data. A critic rising with slope
     * {@code k} along every ray scores a gap of {@code 2k} and pays {@code λ(k − 1)²}: the penalised objective peaks
     * at {@code k = 1 + 1/λ}, a gap of {@code 2(1 + 1/λ) = 2.2} and a penalty of {@code 1/λ² = 0.01} for λ = 10 (the
     * soft constraint lets the estimate exceed W₁ by that much). After 300 critic steps (a few seconds) the critic
     * must be there.
     */
    @Test
    void theCriticsScoreGapEstimatesTheWassersteinDistance() {
        UniformRandomProvider rng = Rng.seeded(0);
        Sequential critic = new Sequential().add(new Linear(2, 64, rng)).add(new Relu()).add(new Linear(64, 64, rng))
                .add(new Relu()).add(new Linear(64, 1, rng));
        Sequential pointMass = new Sequential().add(new Linear(4, 2, rng));
        for (Tensor p : pointMass.parameters()) {
            p.copyFromInPlace(Tensor.zeros(p.shape()));
        }
        Adam optD = new Adam(critic.parameters(), 1e-3f, 0f, 0.9f, 1e-8f, 0f);
        Adam optG = new Adam(pointMass.parameters(), 0f);
        WganGp wgan = new WganGp(pointMass, critic, optG, optD, 10f);
        GaussianMixture ring = GaussianMixture.ring8();
        WganGp.CriticStep first = null;
        double gap = 0;
        double penalty = 0;
        for (int step = 0; step < 300; step++) {
            try (Scope scope = Scope.open()) {
                WganGp.CriticStep c = wgan.updateCritic(Tensor.of(ring.sample(128, rng), 128, 2), Tensor.randn(rng, 128, 4),
                        Tensor.rand(rng, 128));
                first = first == null ? c : first;
                if (step >= 250) {
                    gap += (c.realScore() - c.fakeScore()) / 50;
                    penalty += c.penalty() / 50;
                }
            }
        }
        assertEquals(0, first.realScore() - first.fakeScore(), 0.3, "an untrained critic barely separates them");
        assertEquals(2.2, gap, 0.05, "E D(x) − E D(G(z)) over the last 50 steps");
        assertEquals(0.01, penalty, 0.01, "(‖∇D(x̂)‖ − 1)² over the last 50 steps");
        optD.close();
        optG.close();
        critic.close();
        pointMass.close();
    }

    /**
     * A linear critic {@code D(x) = w·x + b} has {@code ∇ₓD = w} everywhere, so the penalty is {@code (‖w‖ − 1)²}
     * whatever the interpolates, and its gradient is {@code 2(‖w‖ − 1) w/‖w‖}: with λ = 10 the critic's weight
     * gradient is {@code mean x̃ − mean x + 20(‖w‖ − 1) w/‖w‖}.
     */
    @Test
    void theCriticStepDescendsTheScoreGapPlusTheGradientPenalty() {
        Sequential critic = new Sequential().add(new Linear(2, 1, Rng.seeded(1)));
        Sequential generator = new Sequential().add(new Linear(3, 2, Rng.seeded(2)));
        Tensor w = critic.parameters().getFirst();
        w.copyFromInPlace(Tensor.of(new float[] {3f, -4f}, 1, 2));
        Adam optD = new Adam(critic.parameters(), 0f);
        Adam optG = new Adam(generator.parameters(), 0f);
        WganGp wgan = new WganGp(generator, critic, optG, optD, 10f);
        Tensor x = Tensor.of(new float[] {1, 2, -1, 0.5f}, 2, 2);
        Tensor z = Tensor.of(new float[] {0.3f, -1, 2, 1, 0, -0.5f}, 2, 3);
        WganGp.CriticStep step = wgan.updateCritic(x, z, Tensor.of(new float[] {0.25f, 0.9f}, 2));
        assertEquals(16f, step.penalty(), 1e-4f, "(‖(3, −4)‖ − 1)²");
        float[] meanFake;
        try (Scope scope = Scope.open()) {
            meanFake = generator.forward(z).mean(0, false).toFloatArray();
        }
        float[] meanReal = {0f, 1.25f};
        float[] expected = new float[2];
        float[] weight = {3f, -4f};
        for (int i = 0; i < 2; i++) {
            expected[i] = meanFake[i] - meanReal[i] + 20f * (5f - 1f) * weight[i] / 5f;
        }
        assertArrayEquals(expected, w.grad().toFloatArray(), 1e-4f);
        assertEquals(step.fakeScore() - step.realScore() + 10f * 16f, step.loss(), 1e-3f);
        optD.close();
        optG.close();
        critic.close();
        generator.close();
    }
}
