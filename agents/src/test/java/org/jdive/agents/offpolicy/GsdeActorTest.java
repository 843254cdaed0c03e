package org.jdive.agents.offpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.Test;

class GsdeActorTest {

    /**
     * A sampled action's log-probability, recomputed here from the actor's parts: the pre-squash action
     * {@code x = μ + latent · (σ ⊙ ε)} scored under {@code N(μ, latent² · σ² + 10⁻⁶)}, minus {@code log(1 − tanh² x + 10⁻⁶)}.
     */
    @Test
    void aSampleIsScoredAsTheStateDependentGaussianSquashed() {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            GsdeActor actor = new GsdeActor(3, 2, new int[] {4}, -1.0, Rng.split(7, "init"));
            UniformRandomProvider rng = Rng.split(7, "noise");
            actor.resetNoise(1, rng);
            Tensor obs = Tensor.of(new float[] {0.3f, -0.2f, 0.9f, 1f, 0.5f, -0.4f}, 2, 3);
            SacActor.Sample sample = actor.sample(obs, rng);
            float[] action = sample.action().toFloatArray();
            float[] logProb = sample.logProb().toFloatArray();
            for (int row = 0; row < 2; row++) {
                Tensor one = Tensor.of(new float[] {obs.toFloatArray()[3 * row], obs.toFloatArray()[3 * row + 1],
                    obs.toFloatArray()[3 * row + 2]}, 1, 3);
                float[][] meanAndStd = actor.meanAndStd(one);
                double expected = 0;
                for (int j = 0; j < 2; j++) {
                    double a = action[2 * row + j];
                    double x = 0.5 * Math.log((1 + a) / (1 - a)); // atanh
                    double mu = meanAndStd[0][j];
                    double sigma = meanAndStd[1][j];
                    expected += -0.5 * (x - mu) * (x - mu) / (sigma * sigma) - Math.log(sigma)
                            - 0.5 * Math.log(2 * Math.PI) - Math.log(1 - a * a + 1e-6);
                }
                assertEquals(expected, logProb[row], 2e-3, "row " + row);
            }
        }
    }

    /** The same matrix gives the same action for the same state; a new one another. */
    @Test
    void theNoiseStaysUntilTheMatrixIsDrawnAgain() {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            GsdeActor actor = new GsdeActor(3, 1, new int[] {8}, 0.0, Rng.split(1, "init"));
            UniformRandomProvider rng = Rng.split(1, "noise");
            Tensor obs = Tensor.of(new float[] {0.3f, -0.2f, 0.9f}, 1, 3);
            assertThrows(IllegalStateException.class, () -> actor.explore(obs, rng), "no matrix drawn yet");
            actor.resetNoise(1, rng);
            float first = actor.explore(obs, rng).item();
            assertEquals(first, actor.explore(obs, rng).item());
            actor.resetNoise(1, rng);
            assertNotEquals(first, actor.explore(obs, rng).item());
        }
    }
}
