package org.jdive.agents.onpolicy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.NormalizeObservation;
import org.jdive.envs.wrappers.Wrapper;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {

    /** The normal density's log, written out: {@code Σ −(a − μ)²/(2σ²) − log σ − ½ log 2π}. */
    private static double logDensity(float[] a, float[] mean, double[] sigma) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] - mean[i]) / sigma[i];
            sum += -0.5 * d * d - Math.log(sigma[i]) - 0.5 * Math.log(2 * Math.PI);
        }
        return sum;
    }

    @Test
    void samplesAreScoredAsTheDensityAndTheEntropyIsTheClosedForm() {
        try (Scope scope = Scope.open()) {
            Tensor logStd = Tensor.of(new float[] {-0.5f, 0.3f}, 1, 2);
            DiagonalGaussian gaussian = new DiagonalGaussian(logStd);
            float[] mean = {0.2f, -1f, 1.5f, 0f};
            float[] actions = new float[4];
            float[] logProbs = new float[2];
            UniformRandomProvider rng = Rng.split(3, "test");
            gaussian.sample(mean, 2, rng, actions, logProbs);
            double[] sigma = {Math.exp(-0.5), Math.exp(0.3)};
            ActionDistribution.Scored scored = gaussian.score(Tensor.of(mean, 2, 2), Tensor.of(actions, 2, 2));
            float[] tensorLogProbs = scored.logProb().toFloatArray();
            for (int r = 0; r < 2; r++) {
                float[] a = {actions[2 * r], actions[2 * r + 1]};
                float[] mu = {mean[2 * r], mean[2 * r + 1]};
                assertEquals(logDensity(a, mu, sigma), logProbs[r], 1e-5, "sampled row " + r);
                assertEquals(logDensity(a, mu, sigma), tensorLogProbs[r], 1e-5, "scored row " + r);
            }
            double entropy = 2 * (0.5 + 0.5 * Math.log(2 * Math.PI)) - 0.5 + 0.3;
            assertArrayEquals(new float[] {(float) entropy, (float) entropy}, scored.entropy().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void manyDrawsHaveTheMeanAndTheStandardDeviation() {
        try (Scope scope = Scope.open()) {
            DiagonalGaussian gaussian = new DiagonalGaussian(Tensor.of(new float[] {(float) Math.log(0.5)}, 1, 1));
            int n = 200_000;
            float[] actions = new float[n];
            gaussian.sample(new float[n], n, Rng.split(1, "draws"), actions, new float[n]);
            double sum = 0;
            double squares = 0;
            for (float a : actions) {
                sum += a;
                squares += a * a;
            }
            assertEquals(0, sum / n, 0.005);
            assertEquals(0.25, squares / n, 0.005);
        }
    }

    /**
     * The deterministic policy of a PPO trained behind a normaliser acts on a bare observation as the actor acts on
     * that observation normalised with the statistics as they stand, and clips the mean to the env's bounds.
     */
    @Test
    void theGreedyPolicyNormalisesABareObservationAsTheTrainingEnvsWould() {
        try (VectorEnv envs = new VectorEnv(ResumeTest::normalisedPendulum, 2, AutoresetMode.SAME_STEP, 1);
             Ppo ppo = new Ppo(envs, new PpoConfig().numEnvs(2).numSteps(32).numMinibatches(2).hidden(8), 4)) {
            ppo.train(640);
            float[] bare = {0.6f, -0.8f, 3f};
            float[] seen = Wrapper.observationThrough(envs.env(0), bare);
            NormalizeObservation normaliser = findNormaliser(envs);
            double[] mean = normaliser.mean();
            double[] var = normaliser.variance();
            for (int i = 0; i < 3; i++) {
                float expected = (float) Math.clamp((bare[i] - mean[i]) / Math.sqrt(var[i] + 1e-8), -10, 10);
                assertEquals(expected, seen[i], 1e-6f, "element " + i);
            }
            float[] action = ppo.greedyPolicy().action(bare);
            float[] actorMean;
            try (Scope scope = Scope.open()) {
                actorMean = ppo.actor.forward(Tensor.of(seen, 1, 3)).toFloatArray();
            }
            assertEquals(Math.clamp(actorMean[0], -2f, 2f), action[0], 0f);
            assertTrue(ppo.continuous());
            assertEquals(1, ppo.actionStd(new float[3]).length);
        }
    }

    private static NormalizeObservation findNormaliser(VectorEnv envs) {
        for (var env = envs.env(0); env instanceof Wrapper w; env = w.inner()) {
            if (w instanceof NormalizeObservation n) {
                return n;
            }
        }
        throw new AssertionError("no NormalizeObservation among the wrappers");
    }
}
