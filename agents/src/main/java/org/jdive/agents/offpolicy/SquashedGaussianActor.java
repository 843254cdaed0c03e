package org.jdive.agents.offpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Sequential;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * SAC's actor as Stable-Baselines3 builds it: ReLU latent features, then a mean head ({@code mu}) and a
 * log-standard-deviation head ({@code log_std}, clamped to [−20, 2]); actions are {@code tanh(μ + σ·ε)}, in [−1, 1].
 * {@code log π(a|s) = Σ log N(ε) − log σ − log(1 − a² + 10⁻⁶)} (the tanh's change of variables).
 */
final class SquashedGaussianActor extends SacActor {

    private static final float LOG_STD_MIN = -20f;
    private static final float LOG_STD_MAX = 2f;
    private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

    private final Sequential latent;
    private final Linear mu;
    private final Linear logStd;

    SquashedGaussianActor(int observationSize, int actionSize, int[] hidden, UniformRandomProvider rng) {
        this.latent = registerModule("latent_pi", Mlp.body(observationSize, hidden, rng));
        int width = hidden.length == 0 ? observationSize : hidden[hidden.length - 1];
        this.mu = registerModule("mu", new Linear(width, actionSize, rng));
        this.logStd = registerModule("log_std", new Linear(width, actionSize, rng));
    }

    @Override
    Sample sample(Tensor obs, UniformRandomProvider rng) {
        Tensor features = latent.forward(obs);
        Tensor mean = mu.forward(features);
        Tensor logSigma = logStd.forward(features).clamp(LOG_STD_MIN, LOG_STD_MAX);
        Tensor eps = Tensor.randn(rng, mean.shape());
        Tensor action = mean.add(logSigma.exp().mul(eps)).tanh();
        Tensor gaussian = eps.square().mul(-0.5f).sub(logSigma).sub(HALF_LOG_TWO_PI);
        Tensor squash = action.square().neg().add(1 + 1e-6f).log();
        return new Sample(action, gaussian.sub(squash).sum(1, true));
    }

    /** Fresh noise for every action: the same as a gradient step's sample. */
    @Override
    Tensor explore(Tensor obs, UniformRandomProvider rng) {
        return sample(obs, rng).action();
    }

    /** Nothing to draw ahead: each sample draws its own noise. */
    @Override
    void resetNoise(int rows, UniformRandomProvider rng) {
    }

    @Override
    void saveNoise(StateWriter out) {
        // no noise is drawn ahead
    }

    @Override
    void restoreNoise(StateReader in) {
        // no noise is drawn ahead
    }

    /** The deterministic actions {@code tanh(μ)}, [n, k]. */
    @Override
    Tensor deterministic(Tensor obs) {
        return mu.forward(latent.forward(obs)).tanh();
    }

    @Override
    float[][] meanAndStd(Tensor obs) {
        Tensor features = latent.forward(obs);
        float[] mean = mu.forward(features).toFloatArray();
        float[] std = logStd.forward(features).clamp(LOG_STD_MIN, LOG_STD_MAX).exp().toFloatArray();
        return new float[][] {mean, std};
    }
}
