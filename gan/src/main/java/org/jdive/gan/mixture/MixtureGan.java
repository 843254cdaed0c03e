package org.jdive.gan.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;
import org.jdive.gan.EpochStats;
import org.jdive.gan.Gan;
import org.jdive.gan.GanTrainer;
import org.jdive.gan.Networks;
import org.jdive.gan.Noise;
import org.jdive.gan.PointGan;
import org.jdive.gan.wgan.WganGp;
import org.jdive.gan.wgan.WganTrainer;

/**
 * A GAN on a {@link GaussianMixture}, with multilayer perceptrons as in Metz et al.'s mixture experiments (ReLU
 * hidden layers), that scores {@link ModeCoverage} on {@value ModeCoverage#STANDARD_SAMPLES} fresh samples after
 * every epoch. Its objective is either D2L's cross-entropy (a plain GAN, known to collapse on these mixtures,
 * covering a few modes at a time; the per-epoch record shows it) or WGAN-GP's critic with a gradient penalty.
 */
public final class MixtureGan implements PointGan {

    /** What the two networks play: the plain GAN's cross-entropy, or WGAN-GP. */
    public sealed interface Objective {
    }

    /** D2L's update rules with mean-reduced binary cross-entropy ({@link Gan}). */
    public record CrossEntropy() implements Objective {
    }

    /**
     * WGAN-GP ({@link WganGp}): the discriminator is a critic whose gradient norm is pulled to 1 with weight
     * {@code lambda}, trained {@code nCritic} steps per generator step.
     */
    public record WassersteinGp(float lambda, int nCritic) implements Objective {
        /** @throws IllegalArgumentException unless {@code lambda >= 0} and {@code nCritic >= 1} */
        public WassersteinGp {
            if (!(lambda >= 0) || nCritic < 1) {
                throw new IllegalArgumentException("WGAN-GP needs λ >= 0 and at least one critic step per generator "
                        + "step, got λ = " + lambda + ", n_critic = " + nCritic);
            }
        }
    }

    /**
     * The settings of a run.
     *
     * @param points       the size of the training set drawn once from the mixture (an epoch is one pass over it)
     * @param hiddenLayers the number of hidden layers of both networks
     * @param beta1        Adam's β₁ for both networks
     * @param beta2        Adam's β₂ for both networks
     */
    public record Config(int points, int epochs, int batchSize, int latentDim, int hidden, int hiddenLayers,
                         float lrD, float lrG, float beta1, float beta2, Objective objective, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code 2 <= points}, {@code 0 < batchSize <= points}, the sizes are
         *                                  positive, there is a hidden layer, the learning rates are at least 0 and
         *                                  the betas in [0, 1)
         */
        public Config {
            if (points < 2 || epochs < 0 || batchSize <= 0 || batchSize > points || latentDim <= 0 || hidden <= 0
                    || hiddenLayers < 1 || !(lrD >= 0) || !(lrG >= 0) || !(beta1 >= 0 && beta1 < 1)
                    || !(beta2 >= 0 && beta2 < 1) || objective == null) {
                throw new IllegalArgumentException("mixture GAN: need points >= 2, epochs >= 0, 0 < batch size <= points, "
                        + "positive latent and hidden sizes, at least one hidden layer, learning rates >= 0, betas in "
                        + "[0, 1) and an objective; got " + this);
            }
        }

        /**
         * Metz et al.'s plain GAN: latent 256, two hidden layers of 128, batch 512, Adam lr 1e-4 with β₁ = 0.5, on
         * 51,200 points.
         */
        public static Config metz(int epochs, long seed) {
            return new Config(51_200, epochs, 512, 256, 128, 2, 1e-4f, 1e-4f, 0.5f, 0.999f, new CrossEntropy(), seed);
        }

        /**
         * WGAN-GP with Gulrajani et al.'s defaults (λ = 10, five critic steps per generator step, Adam lr 1e-4,
         * β₁ = 0, β₂ = 0.9) on Metz et al.'s networks, batch and 51,200 points.
         */
        public static Config gulrajani(int epochs, long seed) {
            return new Config(51_200, epochs, 512, 256, 128, 2, 1e-4f, 1e-4f, 0f, 0.9f, new WassersteinGp(10f, 5), seed);
        }
    }

    /** One epoch: its training record, the samples scored after it ({@code [2500, 2]}) and their mode coverage. */
    public record Report(EpochStats stats, float[] samples, ModeCoverage coverage) {
        @Override
        public String toString() {
            return stats + "; " + coverage;
        }
    }

    private final GaussianMixture mixture;
    private final Config config;
    private final Backend backend;
    private final Sequential generator;
    private final Sequential discriminator;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final IntFunction<EpochStats> trainer;
    private int epochsDone;

    /**
     * Draws the training set from {@code mixture} and builds both networks and their optimizers on {@code backend}, all
     * from {@code config.seed()}.
     */
    public MixtureGan(GaussianMixture mixture, Config config, Backend backend) {
        this.mixture = mixture;
        this.config = config;
        this.backend = backend;
        UniformRandomProvider init = Rng.split(config.seed(), "init");
        generator = Networks.materialize(mlp(config.hidden(), config.hiddenLayers(), 2, init), backend, config.latentDim());
        discriminator = Networks.materialize(mlp(config.hidden(), config.hiddenLayers(), 1, init), backend, 2);
        optimizerD = new Adam(discriminator.parameters(), config.lrD(), config.beta1(), config.beta2(), 1e-8f, 0f);
        optimizerG = new Adam(generator.parameters(), config.lrG(), config.beta1(), config.beta2(), 1e-8f, 0f);
        float[] data = mixture.sample(config.points(), Rng.split(config.seed(), "mixture-data"));
        var dataset = new ArrayDataset(data, new int[] {2}, new float[config.points()], new int[0]);
        trainer = switch (config.objective()) {
            case CrossEntropy c -> new GanTrainer(new Gan(generator, discriminator, optimizerG, optimizerD, Reduction.MEAN),
                    dataset, config.batchSize(), true, new int[] {config.latentDim()}, config.seed(), backend)::trainEpoch;
            case WassersteinGp w -> new WganTrainer(new WganGp(generator, discriminator, optimizerG, optimizerD, w.lambda()),
                    dataset, config.batchSize(), w.nCritic(), config.latentDim(), config.seed(), backend)::trainEpoch;
        };
    }

    private static Sequential mlp(int hidden, int layers, int out, UniformRandomProvider rng) {
        Sequential net = new Sequential();
        for (int i = 0; i < layers; i++) {
            net.add(Linear.lazy(hidden, rng)).add(new Relu());
        }
        return net.add(Linear.lazy(out, rng));
    }

    /** Trains the remaining epochs, handing each epoch's report to {@code listener} as it ends; returns them all. */
    public List<Report> train(Consumer<Report> listener) {
        List<Report> out = new ArrayList<>();
        while (epochsDone < config.epochs()) {
            Report r = trainEpoch();
            listener.accept(r);
            out.add(r);
        }
        return out;
    }

    /**
     * Trains one more epoch (whatever the configured number) and scores {@value ModeCoverage#STANDARD_SAMPLES}
     * samples drawn with a stream named after the seed and the epoch.
     */
    public Report trainEpoch() {
        int epoch = epochsDone++;
        EpochStats stats = trainer.apply(epoch);
        float[] samples = generate(ModeCoverage.STANDARD_SAMPLES, Rng.split(config.seed(), "eval/epoch-" + epoch));
        return new Report(stats, samples, ModeCoverage.of(mixture, samples));
    }

    /** The number of epochs trained (including those a checkpoint restored). */
    @Override
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * Sets the number of epochs already trained, after restoring the networks and optimizers from a checkpoint:
     * each epoch's shuffle and noise depend only on the seed and its number, so training goes on exactly.
     */
    @Override
    public void epochsDone(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs done must be >= 0, got " + epochs);
        }
        this.epochsDone = epochs;
    }

    @Override
    public Sequential generator() {
        return generator;
    }

    @Override
    public Sequential discriminator() {
        return discriminator;
    }

    @Override
    public Adam optimizerG() {
        return optimizerG;
    }

    @Override
    public Adam optimizerD() {
        return optimizerD;
    }

    /** {@code n} generated points, row after row ({@code [n, 2]}). */
    @Override
    public float[] generate(int n, UniformRandomProvider rng) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return generator.forward(Noise.sample(rng, backend, n, config.latentDim())).toFloatArray();
        }
    }

    /** The mixture the data is drawn from and the samples are scored against. */
    public GaussianMixture mixture() {
        return mixture;
    }

    @Override
    public void close() {
        optimizerG.close();
        optimizerD.close();
        generator.close();
        discriminator.close();
    }
}
