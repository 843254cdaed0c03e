package org.jdive.agents.offpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Sequential;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * SAC's actor with generalised state-dependent exploration (Raffin et al. 2022), as Stable-Baselines3's
 * {@code StateDependentNoiseDistribution} (full std, no learnt features, squashed): the mean is the action head's
 * output clipped to ±2; the noise is the policy's latent features (detached) times an exploration matrix drawn from
 * {@code N(0, σ²)} elementwise, {@code σ = exp(log_std)} a learnt [latent, k] parameter, so that the same matrix gives
 * smooth noise over a stretch of steps. The action's variance is {@code latent² · σ²} (+10⁻⁶); actions are
 * {@code tanh(μ + noise)}, scored as {@link SquashedGaussianActor} scores them.
 */
final class GsdeActor extends SacActor {

    private static final float CLIP_MEAN = 2f;
    private static final float EPSILON = 1e-6f;
    private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

    private final Sequential latent;
    private final Linear mu;
    private final Tensor logStd;
    private final int latentSize;
    private final int actionSize;
    /**
     * The standard normal draws of the exploration matrices {@code σ ⊙ ε}, one per row being explored (each env), or
     * one for a gradient step's batch; σ is applied when they are used, so gradients reach {@code log_std}.
     */
    private Tensor[] draws = new Tensor[0];

    GsdeActor(int observationSize, int actionSize, int[] hidden, double logStdInit, UniformRandomProvider rng) {
        this.latent = registerModule("latent_pi", Mlp.body(observationSize, hidden, rng));
        this.latentSize = hidden.length == 0 ? observationSize : hidden[hidden.length - 1];
        this.mu = registerModule("mu", new Linear(latentSize, actionSize, rng));
        this.logStd = registerParameter("log_std", Tensor.full((float) logStdInit, latentSize, actionSize));
        this.actionSize = actionSize;
    }

    /** Draws {@code rows} exploration matrices' ε, standard normal [latent, k]. */
    @Override
    void resetNoise(int rows, UniformRandomProvider rng) {
        for (Tensor d : draws) {
            d.close();
        }
        draws = new Tensor[rows];
        for (int r = 0; r < rows; r++) {
            draws[r] = Tensor.randn(rng, latentSize, actionSize).keep();
        }
    }

    @Override
    void saveNoise(StateWriter out) {
        out.writeInt(draws.length);
        for (Tensor d : draws) {
            out.writeFloats(d.toFloatArray());
        }
    }

    @Override
    void restoreNoise(StateReader in) {
        int rows = in.readInt();
        if (rows < 0 || rows > 1_000_000) {
            throw new IllegalArgumentException(rows + " exploration matrices");
        }
        for (Tensor d : draws) {
            d.close();
        }
        draws = new Tensor[rows];
        for (int r = 0; r < rows; r++) {
            float[] values = new float[latentSize * actionSize];
            in.readFloats(values);
            draws[r] = Tensor.of(values, latentSize, actionSize).keep();
        }
    }

    /** A gradient step's batch shares the one matrix drawn by {@link #resetNoise} (SB3's {@code reset_noise()}). */
    @Override
    Sample sample(Tensor obs, UniformRandomProvider rng) {
        if (draws.length != 1) {
            throw new IllegalStateException("draw one exploration matrix (resetNoise(1, rng)) before a gradient step");
        }
        Tensor hidden = latent.forward(obs);
        Tensor features = hidden.detach();
        Tensor mean = mu.forward(hidden).clamp(-CLIP_MEAN, CLIP_MEAN);
        Tensor noise = features.matmul(logStd.exp().mul(draws[0]));
        return scored(features, mean, noise);
    }

    /** Each env's row explores with its own matrix; the noise carries no gradient here. */
    @Override
    Tensor explore(Tensor obs, UniformRandomProvider rng) {
        int rows = obs.shape()[0];
        if (draws.length != rows) {
            throw new IllegalStateException("draw one exploration matrix per env (resetNoise(" + rows + ", rng))");
        }
        Tensor features = latent.forward(obs);
        Tensor mean = mu.forward(features).clamp(-CLIP_MEAN, CLIP_MEAN);
        float[] f = features.toFloatArray();
        float[] noise = new float[rows * actionSize];
        for (int r = 0; r < rows; r++) {
            float[] m = logStd.exp().mul(draws[r]).toFloatArray();
            for (int j = 0; j < actionSize; j++) {
                double sum = 0;
                for (int i = 0; i < latentSize; i++) {
                    sum += f[r * latentSize + i] * m[i * actionSize + j];
                }
                noise[r * actionSize + j] = (float) sum;
            }
        }
        return mean.add(Tensor.of(noise, rows, actionSize)).tanh();
    }

    /** {@code tanh(mean + noise)} and its log-probability under {@code N(mean, latent²·σ² + ε)} with the tanh's change. */
    private Sample scored(Tensor features, Tensor mean, Tensor noise) {
        Tensor variance = features.square().matmul(logStd.exp().square()).add(EPSILON);
        Tensor action = mean.add(noise).tanh();
        Tensor gaussian = noise.square().div(variance).mul(-0.5f).sub(variance.log().mul(0.5f)).sub(HALF_LOG_TWO_PI);
        Tensor squash = action.square().neg().add(1 + EPSILON).log();
        return new Sample(action, gaussian.sub(squash).sum(1, true));
    }

    @Override
    Tensor deterministic(Tensor obs) {
        return mu.forward(latent.forward(obs)).clamp(-CLIP_MEAN, CLIP_MEAN).tanh();
    }

    @Override
    float[][] meanAndStd(Tensor obs) {
        Tensor features = latent.forward(obs);
        float[] mean = mu.forward(features).clamp(-CLIP_MEAN, CLIP_MEAN).toFloatArray();
        float[] std = features.square().matmul(logStd.exp().square()).add(EPSILON).sqrt().toFloatArray();
        return new float[][] {mean, std};
    }

    @Override
    public void close() {
        for (Tensor d : draws) {
            d.close();
        }
        super.close();
    }
}
