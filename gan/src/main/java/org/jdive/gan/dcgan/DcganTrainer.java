package org.jdive.gan.dcgan;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Dataset;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;
import org.jdive.gan.ClassConditioning;
import org.jdive.gan.EpochStats;
import org.jdive.gan.Gan;
import org.jdive.gan.GanTrainer;
import org.jdive.gan.LabelledGenerator;
import org.jdive.gan.Noise;
import org.jdive.gan.io.SampleGrid;
import org.jdive.gan.metrics.SampleDistances;

/**
 * Trains a DCGAN (D2L 20.2) on a dataset of images in [-1, 1]: D2L's update rules, Adam with β = (0.5, 0.999)
 * for both networks, epochs of shuffled batches (the last, smaller batch dropped, for batch norm). A fixed
 * batch of noise, drawn once from the seed, gives the sample grid of every epoch.
 *
 * <p>A conditional DCGAN ({@link DcganConfig#classes()} > 0) reads the dataset's targets as class indices and
 * pairs each batch's noise with the batch's own classes ({@link ClassConditioning}); its sample grid has one row
 * per class.
 */
public final class DcganTrainer implements AutoCloseable {

    /** How to train; {@link #d2l(long)} and {@link #pytorch(long)} give the two recipes. */
    public record Settings(int batchSize, float lr, float beta1, float beta2, Reduction reduction, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code batchSize >= 2} (batch norm needs two examples), {@code lr >=
         *                                  0}, both betas are in [0, 1) and {@code reduction} is given
         */
        public Settings {
            if (batchSize < 2 || !(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || reduction == null) {
                throw new IllegalArgumentException("DCGAN training: need batch size >= 2 (batch norm), lr >= 0, betas in "
                        + "[0, 1) and a reduction; got " + this);
            }
        }

        /** D2L 20.2: batch 256, lr 0.005, β = (0.5, 0.999), summed cross-entropy. */
        public static Settings d2l(long seed) {
            return new Settings(256, 0.005f, 0.5f, 0.999f, Reduction.SUM, seed);
        }

        /** PyTorch's DCGAN tutorial: batch 128, lr 0.0002, β = (0.5, 0.999), mean cross-entropy. */
        public static Settings pytorch(long seed) {
            return new Settings(128, 0.0002f, 0.5f, 0.999f, Reduction.MEAN, seed);
        }
    }

    /** How many images the fixed noise and the sample grid hold (of an unconditional DCGAN). */
    public static final int GRID_IMAGES = 64;

    /** Images per row of the sample grid (a conditional DCGAN's grid has a row per class). */
    public static final int GRID_COLUMNS = 8;

    private final DcganConfig net;
    private final Settings settings;
    private final Dataset data;
    private final Backend backend;
    private final Sequential generator;
    private final Sequential discriminator;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final GanTrainer trainer;
    private final ClassConditioning conditioning;
    private final Tensor fixedInput;
    private int epochsDone;

    /**
     * Builds both networks on {@code backend}, initialised as {@code net.variant()} says from the stream {@code "init"}
     * of {@code settings.seed()}, their Adam optimizers, and the fixed noise of the sample grid.
     *
     * @param data images of {@code net.imageShape()} in [-1, 1]; its targets are the class indices of a
     *             conditional DCGAN, ignored otherwise
     * @throws IllegalArgumentException if the dataset's images have another shape
     */
    public DcganTrainer(DcganConfig net, Settings settings, Dataset data, Backend backend) {
        int[] expected = net.imageShape();
        if (!java.util.Arrays.equals(data.featureShape(), expected)) {
            throw new IllegalArgumentException("the DCGAN makes images " + java.util.Arrays.toString(expected)
                    + " but the dataset holds " + java.util.Arrays.toString(data.featureShape()));
        }
        this.net = net;
        this.settings = settings;
        this.data = data;
        this.backend = backend;
        UniformRandomProvider init = Rng.split(settings.seed(), "init");
        generator = DcganNets.generator(net, backend, init);
        discriminator = DcganNets.discriminator(net, backend, init);
        DcganNets.initialize(discriminator, net.variant(), init);
        DcganNets.initialize(generator, net.variant(), init);
        optimizerD = new Adam(discriminator.parameters(), settings.lr(), settings.beta1(), settings.beta2(), 1e-8f, 0f);
        optimizerG = new Adam(generator.parameters(), settings.lr(), settings.beta1(), settings.beta2(), 1e-8f, 0f);
        conditioning = net.conditional() ? new ClassConditioning(net.classes()) : null;
        Module seen = net.conditional() ? new LabelledGenerator(generator, net.latentDim()) : generator;
        Gan gan = new Gan(seen, discriminator, optimizerG, optimizerD, settings.reduction());
        trainer = new GanTrainer(gan, data, settings.batchSize(), true, net.latentShape(), settings.seed(), backend,
                net.conditional() ? conditioning : GanTrainer.Conditioning.NONE);
        int gridImages = net.conditional() ? net.classes() * GRID_COLUMNS : GRID_IMAGES;
        float[] gridLabels = new float[gridImages];
        for (int i = 0; i < gridImages; i++) {
            gridLabels[i] = i / GRID_COLUMNS;
        }
        try (Scope scope = Scope.open()) {
            fixedInput = generatorInput(Rng.split(settings.seed(), "fixed-noise"), gridImages, gridLabels).keep();
        }
    }

    /** Noise for {@code n} images, with the one-hot classes {@code labels} appended if the DCGAN is conditional. */
    private Tensor generatorInput(UniformRandomProvider rng, int n, float[] labels) {
        Tensor z = Noise.sample(rng, backend, n, net.latentShape());
        return conditioning == null ? z : ClassConditioning.appendToNoise(z, conditioning.oneHot(backend, labels));
    }

    /** Trains one more epoch and returns its record. */
    public EpochStats trainEpoch() {
        return trainer.trainEpoch(epochsDone++);
    }

    /** The number of epochs trained (including those restored from a checkpoint). */
    public int epochsDone() {
        return epochsDone;
    }

    /** Sets the number of epochs already trained (what a checkpoint restores). */
    void epochsDone(int epochs) {
        this.epochsDone = epochs;
    }

    /**
     * {@code n} generated images {@code [n, C, S, S]} as host values; a conditional DCGAN's cycle through the
     * classes (image {@code i} of class {@code i mod K}). As in D2L, the generator stays in training mode, so its
     * batch norm normalises with the batch's own statistics.
     */
    public float[] generate(int n, UniformRandomProvider rng) {
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = net.conditional() ? i % net.classes() : 0;
        }
        return generate(labels, rng);
    }

    /**
     * One generated image per entry of {@code labels}, each of that class, {@code [n, C, S, S]} as host values (the
     * labels are ignored by an unconditional DCGAN).
     *
     * @throws IllegalArgumentException if a label is not a class of this conditional DCGAN
     */
    public float[] generate(float[] labels, UniformRandomProvider rng) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return generator.forward(generatorInput(rng, labels.length, labels)).toFloatArray();
        }
    }

    /** Writes the generator's images for the fixed noise as an 8-wide PNG grid (one row per class if conditional). */
    public void writeSampleGrid(Path png) throws IOException {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            SampleGrid.write(png, generator.forward(fixedInput), GRID_COLUMNS);
        }
    }

    /** Raw-pixel distances between {@code n} generated images and {@code n} training images. */
    public record Quality(double mmd, double slicedWasserstein) {
    }

    /**
     * The {@link SampleDistances} between {@code n} images generated from a stream named after the seed and
     * {@code n} training images chosen by it: the same {@code n} gives the same real images and noise every
     * time, so successive values compare. A conditional DCGAN generates each image of its real partner's class.
     */
    public Quality quality(int n) {
        if (n < 2 || n > data.size()) {
            throw new IllegalArgumentException("quality needs 2 <= n <= " + data.size() + " images, got " + n);
        }
        UniformRandomProvider rng = Rng.split(settings.seed(), "quality");
        int dim = net.channels() * net.imageSize() * net.imageSize();
        float[] real = new float[n * dim];
        int[] pick = rng.ints(0, data.size()).distinct().limit(n).toArray();
        float[] labels = new float[n];
        float[] target = new float[1];
        for (int i = 0; i < n; i++) {
            data.copyFeatures(pick[i], real, i * dim);
            if (net.conditional()) {
                data.copyTarget(pick[i], target, 0);
                labels[i] = target[0];
            }
        }
        float[] fake = generate(labels, rng);
        return new Quality(SampleDistances.mmdPolynomial(real, fake, dim),
                SampleDistances.slicedWasserstein(real, fake, dim, 64, rng));
    }

    /** The shape of the networks. */
    public DcganConfig config() {
        return net;
    }

    /**
     * The generator, latent {@code [n, latentDim (+ classes), 1, 1]} to images {@code [n, C, S, S]} in [-1, 1]
     * (tanh).
     */
    public Sequential generator() {
        return generator;
    }

    /** The discriminator, images to one logit each. */
    public Sequential discriminator() {
        return discriminator;
    }

    /** The generator's optimizer. */
    public Adam optimizerG() {
        return optimizerG;
    }

    /** The discriminator's optimizer. */
    public Adam optimizerD() {
        return optimizerD;
    }

    @Override
    public void close() {
        fixedInput.close();
        optimizerG.close();
        optimizerD.close();
        generator.close();
        discriminator.close();
    }
}
