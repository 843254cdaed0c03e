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
import org.jdive.core.nn.BatchNorm1d;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Maxout;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;
import org.jdive.gan.EpochStats;
import org.jdive.gan.Gan;
import org.jdive.gan.GanTrainer;
import org.jdive.gan.Networks;
import org.jdive.gan.Noise;
import org.jdive.gan.Pack;
import org.jdive.gan.PointGan;
import org.jdive.gan.wgan.WganGp;
import org.jdive.gan.wgan.WganTrainer;

/**
 * A GAN on a {@link GaussianMixture}, with multilayer perceptrons as in Metz et al.'s mixture experiments (ReLU
 * hidden layers) or PacGAN's ({@link Nets}), that scores {@link ModeCoverage} on {@value ModeCoverage#STANDARD_SAMPLES}
 * fresh samples after every epoch. Its objective is either D2L's cross-entropy (a plain GAN, known to collapse on
 * these mixtures, covering a few modes at a time; the per-epoch record shows it), optionally with PacGAN's packed
 * discriminator, or WGAN-GP's critic with a gradient penalty.
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
     * The two multilayer perceptrons, and how many samples the discriminator judges at once.
     *
     * @param generatorHidden     units of each hidden layer of the generator
     * @param generatorLayers     hidden layers of the generator, ReLU
     * @param generatorBatchNorm  whether each hidden layer of the generator is linear (no bias), batch norm, ReLU, as
     *                            in VEEGAN's and PacGAN's generators; sampling then uses the running statistics
     * @param discriminatorHidden units of each hidden layer of the discriminator
     * @param discriminatorLayers hidden layers of the discriminator
     * @param maxoutPieces        1: ReLU hidden layers in the discriminator; more: maxout layers of that many pieces
     *                            ({@link Maxout}, as ALI's and PacGAN's discriminators)
     * @param packing             PacGAN's packing degree {@code m}: the discriminator sees {@code m} samples
     *                            concatenated ({@link Pack}), all real or all generated; 1: a plain discriminator
     */
    public record Nets(int generatorHidden, int generatorLayers, boolean generatorBatchNorm, int discriminatorHidden,
                       int discriminatorLayers, int maxoutPieces, int packing) {

        /**
         * Checks the sizes.
         *
         * @throws IllegalArgumentException unless the sizes, layer counts, pieces and packing degree are positive
         */
        public Nets {
            if (generatorHidden <= 0 || generatorLayers < 1 || discriminatorHidden <= 0 || discriminatorLayers < 1
                    || maxoutPieces < 1 || packing < 1) {
                throw new IllegalArgumentException("mixture GAN networks: need positive hidden sizes, at least one "
                        + "hidden layer each, maxout pieces >= 1 and packing >= 1; got " + this);
            }
        }

        /** The same ReLU perceptron shape for both networks, no batch norm, no packing (Metz et al.). */
        public static Nets relu(int hidden, int layers) {
            return new Nets(hidden, layers, false, hidden, layers, 1, 1);
        }

        /**
         * PacGAN's 2-D networks (from VEEGAN's): a generator of four hidden layers of 400 units with batch norm and
         * ReLU, a discriminator of three maxout layers of 200 units with 5 pieces each, judging {@code packing}
         * samples at once.
         */
        public static Nets pacgan(int packing) {
            return new Nets(400, 4, true, 200, 3, 5, packing);
        }
    }

    /**
     * The settings of a run.
     *
     * @param points    the size of the training set drawn once from the mixture (an epoch is one pass over it)
     * @param batchSize real points per step; the generator makes as many, and with packing {@code m} the
     *                  discriminator sees {@code batchSize / m} packs of each
     * @param beta1     Adam's β₁ for both networks
     * @param beta2     Adam's β₂ for both networks
     */
    public record Config(int points, int epochs, int batchSize, int latentDim, Nets nets, float lrD, float lrG,
                         float beta1, float beta2, Objective objective, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code 2 <= points}, {@code 0 < batchSize <= points}, the latent size
         *                                  is positive, the learning rates are at least 0, the betas in [0, 1), and
         *                                  with packing {@code m > 1} the objective is cross-entropy and {@code m}
         *                                  divides the batch size
         */
        public Config {
            if (points < 2 || epochs < 0 || batchSize <= 0 || batchSize > points || latentDim <= 0 || nets == null
                    || !(lrD >= 0) || !(lrG >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                    || objective == null) {
                throw new IllegalArgumentException("mixture GAN: need points >= 2, epochs >= 0, 0 < batch size <= points, "
                        + "a positive latent size, networks, learning rates >= 0, betas in [0, 1) and an objective; got "
                        + this);
            }
            if (nets.packing() > 1 && (!(objective instanceof CrossEntropy) || batchSize % nets.packing() != 0)) {
                throw new IllegalArgumentException("mixture GAN: packing " + nets.packing() + " needs the cross-entropy "
                        + "objective and a batch size that is a multiple of it; got " + objective + " and batch size "
                        + batchSize);
            }
        }

        /**
         * Metz et al.'s plain GAN: latent 256, two hidden layers of 128, batch 512, Adam lr 1e-4 with β₁ = 0.5, on
         * 51,200 points.
         */
        public static Config metz(int epochs, long seed) {
            return new Config(51_200, epochs, 512, 256, Nets.relu(128, 2), 1e-4f, 1e-4f, 0.5f, 0.999f, new CrossEntropy(),
                    seed);
        }

        /**
         * WGAN-GP with Gulrajani et al.'s defaults (λ = 10, five critic steps per generator step, Adam lr 1e-4,
         * β₁ = 0, β₂ = 0.9) on Metz et al.'s networks, batch and 51,200 points.
         */
        public static Config gulrajani(int epochs, long seed) {
            return new Config(51_200, epochs, 512, 256, Nets.relu(128, 2), 1e-4f, 1e-4f, 0f, 0.9f,
                    new WassersteinGp(10f, 5), seed);
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
        Nets nets = config.nets();
        generator = Networks.materialize(generator(nets, init), backend, config.latentDim());
        discriminator = discriminator(nets, init, backend);
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

    private static Sequential generator(Nets nets, UniformRandomProvider rng) {
        Sequential net = new Sequential();
        for (int i = 0; i < nets.generatorLayers(); i++) {
            if (nets.generatorBatchNorm()) {
                net.add(Linear.lazy(nets.generatorHidden(), false, rng)).add(BatchNorm1d.lazy());
            } else {
                net.add(Linear.lazy(nets.generatorHidden(), rng));
            }
            net.add(new Relu());
        }
        return net.add(Linear.lazy(2, rng));
    }

    /** The perceptron on {@code 2·m} coordinates, behind a {@link Pack} of {@code m} points when {@code m > 1}. */
    private static Sequential discriminator(Nets nets, UniformRandomProvider rng, Backend backend) {
        Sequential net = new Sequential();
        for (int i = 0; i < nets.discriminatorLayers(); i++) {
            if (nets.maxoutPieces() > 1) {
                net.add(new Maxout(nets.discriminatorHidden(), nets.maxoutPieces(), rng));
            } else {
                net.add(Linear.lazy(nets.discriminatorHidden(), rng)).add(new Relu());
            }
        }
        net = Networks.materialize(net.add(Linear.lazy(1, rng)), backend, 2 * nets.packing());
        return nets.packing() == 1 ? net : new Sequential().add(new Pack(nets.packing())).add(net);
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

    /** {@code n} generated points, row after row ({@code [n, 2]}); batch norm, if any, uses its running statistics. */
    @Override
    public float[] generate(int n, UniformRandomProvider rng) {
        generator.eval();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return generator.forward(Noise.sample(rng, backend, n, config.latentDim())).toFloatArray();
        } finally {
            generator.train();
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
