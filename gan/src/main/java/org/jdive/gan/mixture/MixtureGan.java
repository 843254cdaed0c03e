package org.jdive.gan.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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

/**
 * A plain GAN (D2L's update rules, mean-reduced cross-entropy) on a {@link GaussianMixture}, with multilayer
 * perceptrons as in Metz et al.'s mixture experiments (ReLU hidden layers, Adam with β₁ = 0.5), that scores
 * {@link ModeCoverage} on {@value ModeCoverage#STANDARD_SAMPLES} fresh samples after every epoch. A plain GAN is
 * known to collapse on these mixtures, covering a few modes at a time; the per-epoch record shows it.
 */
public final class MixtureGan implements PointGan {

    /**
     * The settings of a run.
     *
     * @param points       the size of the training set drawn once from the mixture (an epoch is one pass over it)
     * @param hiddenLayers the number of hidden layers of both networks
     */
    public record Config(int points, int epochs, int batchSize, int latentDim, int hidden, int hiddenLayers,
                         float lrD, float lrG, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code 2 <= points}, {@code 0 < batchSize <= points}, the sizes are
         *                                  positive, there is a hidden layer and the learning rates are at least 0
         */
        public Config {
            if (points < 2 || epochs < 0 || batchSize <= 0 || batchSize > points || latentDim <= 0 || hidden <= 0
                    || hiddenLayers < 1 || !(lrD >= 0) || !(lrG >= 0)) {
                throw new IllegalArgumentException("mixture GAN: need points >= 2, epochs >= 0, 0 < batch size <= points, "
                        + "positive latent and hidden sizes, at least one hidden layer and learning rates >= 0; got " + this);
            }
        }

        /** Metz et al.'s sizes (latent 256, two hidden layers of 128, batch 512, lr 1e-4) on 51,200 points. */
        public static Config metz(int epochs, long seed) {
            return new Config(51_200, epochs, 512, 256, 128, 2, 1e-4f, 1e-4f, seed);
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
    private final GanTrainer trainer;
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
        optimizerD = new Adam(discriminator.parameters(), config.lrD(), 0.5f, 0.999f, 1e-8f, 0f);
        optimizerG = new Adam(generator.parameters(), config.lrG(), 0.5f, 0.999f, 1e-8f, 0f);
        float[] data = mixture.sample(config.points(), Rng.split(config.seed(), "mixture-data"));
        var dataset = new ArrayDataset(data, new int[] {2}, new float[config.points()], new int[0]);
        Gan gan = new Gan(generator, discriminator, optimizerG, optimizerD, Reduction.MEAN);
        trainer = new GanTrainer(gan, dataset, config.batchSize(), true, new int[] {config.latentDim()}, config.seed(), backend);
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
        EpochStats stats = trainer.trainEpoch(epoch);
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
