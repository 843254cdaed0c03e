package org.jdive.gan.toy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.Tanh;
import org.jdive.core.optim.Adam;
import org.jdive.gan.EpochStats;
import org.jdive.gan.Gan;
import org.jdive.gan.GanTrainer;
import org.jdive.gan.Networks;
import org.jdive.gan.Noise;
import org.jdive.gan.PointGan;

/**
 * D2L 20.1, "Generative Adversarial Networks", as written there: 1,000 points of {@link ToyData}; the generator
 * one {@code Linear(2, 2)}; the discriminator {@code 2 → 5 → 3 → 1} with tanh, giving logits; binary
 * cross-entropy with logits summed over the batch; every parameter drawn from {@code N(0, 0.02²)}; Adam with
 * {@code lr_D = 0.05}, {@code lr_G = 0.005}; batches of 8; 20 epochs. A trained generator maps {@code N(0, I)}
 * to a Gaussian near the data's (mean {@code b}, covariance {@code AᵀA}); D2L itself shows it only roughly there.
 */
public final class ToyGan implements PointGan {

    /** The settings of a run; {@link #d2l(long)} gives the book's. */
    public record Config(int points, int epochs, int batchSize, float lrD, float lrG, float initStd, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code 2 <= points}, {@code 0 < batchSize <= points}, {@code epochs}
         *                                  and the learning rates and {@code initStd} are at least 0
         */
        public Config {
            if (points < 2 || epochs < 0 || batchSize <= 0 || batchSize > points || !(lrD >= 0) || !(lrG >= 0) || !(initStd >= 0)) {
                throw new IllegalArgumentException("toy GAN: need points >= 2, epochs >= 0, 0 < batch size <= points, "
                        + "learning rates and init std >= 0; got " + this);
            }
        }

        /** D2L's settings with {@code seed}. */
        public static Config d2l(long seed) {
            return new Config(ToyData.SIZE, 20, 8, 0.05f, 0.005f, 0.02f, seed);
        }
    }

    /** The latent and data dimension. */
    public static final int DIM = 2;

    private final Config config;
    private final Backend backend;
    private final Sequential generator;
    private final Sequential discriminator;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final GanTrainer trainer;
    private int epochsDone;

    /**
     * Draws {@code config.points()} points of {@link ToyData} and builds D2L's two networks and their optimizers on
     * {@code backend}, all from {@code config.seed()}.
     */
    public ToyGan(Config config, Backend backend) {
        this.config = config;
        this.backend = backend;
        UniformRandomProvider init = Rng.split(config.seed(), "init");
        generator = Networks.materialize(new Sequential(Linear.lazy(DIM, init)), backend, DIM);
        discriminator = Networks.materialize(new Sequential(
                Linear.lazy(5, init), new Tanh(), Linear.lazy(3, init), new Tanh(), Linear.lazy(1, init)), backend, DIM);
        Networks.initNormal(discriminator, config.initStd(), init);
        Networks.initNormal(generator, config.initStd(), init);
        optimizerD = new Adam(discriminator.parameters(), config.lrD());
        optimizerG = new Adam(generator.parameters(), config.lrG());
        float[] data = ToyData.sample(config.points(), Rng.split(config.seed(), "toy-data"));
        var dataset = new ArrayDataset(data, new int[] {DIM}, new float[config.points()], new int[0]);
        Gan gan = new Gan(generator, discriminator, optimizerG, optimizerD, Reduction.SUM);
        trainer = new GanTrainer(gan, dataset, config.batchSize(), false, new int[] {DIM}, config.seed(), backend);
    }

    /** Trains the configured number of epochs (after any already trained) and returns their records. */
    public List<EpochStats> train() {
        List<EpochStats> out = new ArrayList<>();
        while (epochsDone < config.epochs()) {
            out.add(trainEpoch());
        }
        return out;
    }

    /** Trains one more epoch (whatever the configured number) and returns its record. */
    public EpochStats trainEpoch() {
        return trainer.trainEpoch(epochsDone++);
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

    /** {@code n} generated points, row after row ({@code [n, 2]}). */
    @Override
    public float[] generate(int n, UniformRandomProvider rng) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return generator.forward(Noise.sample(rng, backend, n, DIM)).toFloatArray();
        }
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

    @Override
    public void close() {
        optimizerG.close();
        optimizerD.close();
        generator.close();
        discriminator.close();
    }
}
