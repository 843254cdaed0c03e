package org.jdive.gan.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.optim.Adam;
import org.jdive.gan.Noise;
import org.jdive.gan.io.SampleGrid;

/**
 * Trains a {@link Vae} with Adam on images in [-1, 1], epoch by epoch over shuffled batches, and evaluates it on a
 * held-out set. Each epoch draws its shuffle and its reparameterisation noise from streams named after the seed and
 * the epoch, so a run resumed from a checkpoint continues exactly as an uninterrupted one (bit for bit on the CPU
 * backend); the held-out evaluation always uses the same noise, so its values compare across epochs.
 */
public final class VaeTrainer implements AutoCloseable {

    /** How to train. */
    public record Settings(int batchSize, float lr, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code batchSize >= 1} and {@code lr >= 0}
         */
        public Settings {
            if (batchSize < 1 || !(lr >= 0)) {
                throw new IllegalArgumentException("VAE training: need batch size >= 1 and lr >= 0, got " + this);
            }
        }
    }

    /** One pass's negative ELBO and its two terms, per image (nats). */
    public record Terms(double loss, double reconstruction, double kl) {

        /** The evidence lower bound, {@code -loss}. */
        public double elbo() {
            return -loss;
        }
    }

    /** An epoch's record: its training terms (averaged over its batches), steps and seconds. */
    public record EpochRecord(int epoch, Terms train, int steps, double seconds) {
    }

    /** Images per row of the figures. */
    public static final int GRID_COLUMNS = 8;

    private final VaeConfig config;
    private final Settings settings;
    private final Dataset train;
    private final Backend backend;
    private final Vae vae;
    private final Adam adam;
    private final Tensor priorSamples;
    private int epochsDone;

    /**
     * Builds the VAE on {@code backend}, initialised from the stream {@code "init"} of the seed, with Adam
     * (β = (0.9, 0.999)) and the fixed prior samples of the sample grid.
     *
     * @param train images of {@code config.imageShape()} in [-1, 1]; targets ignored
     * @throws IllegalArgumentException if the images have another shape or the batch is larger than the data
     */
    public VaeTrainer(VaeConfig config, Settings settings, Dataset train, Backend backend) {
        if (!Arrays.equals(train.featureShape(), config.imageShape())) {
            throw new IllegalArgumentException("the VAE reads images " + Arrays.toString(config.imageShape())
                    + " but the dataset holds " + Arrays.toString(train.featureShape()));
        }
        if (settings.batchSize() > train.size()) {
            throw new IllegalArgumentException("batch size must be at most the " + train.size() + " training images, got "
                    + settings.batchSize());
        }
        this.config = config;
        this.settings = settings;
        this.train = train;
        this.backend = backend;
        vae = new Vae(config, backend, Rng.split(settings.seed(), "init"));
        adam = new Adam(vae.parameters(), settings.lr());
        priorSamples = Noise.sample(Rng.split(settings.seed(), "prior"), backend, 8 * GRID_COLUMNS, config.latentDim())
                .keep();
    }

    /** Trains one more epoch. */
    public EpochRecord trainEpoch() {
        long start = System.nanoTime();
        int epoch = epochsDone;
        UniformRandomProvider noise = Rng.split(settings.seed(), "noise/epoch-" + epoch);
        DataLoader loader = new DataLoader(train, settings.batchSize(), true, false,
                Rng.split(settings.seed(), "data/epoch-" + epoch), backend);
        double loss = 0;
        double reconstruction = 0;
        double kl = 0;
        int steps = 0;
        for (Batch batch : loader) {
            try (Scope scope = Scope.open()) {
                adam.zeroGrad();
                Vae.Loss l = vae.loss(batch.features(), Noise.sample(noise, backend, batch.size(), config.latentDim()));
                l.total().backward();
                adam.step();
                loss += l.total().item();
                reconstruction += l.reconstruction().item();
                kl += l.kl().item();
            }
            steps++;
        }
        epochsDone++;
        return new EpochRecord(epoch, new Terms(loss / steps, reconstruction / steps, kl / steps), steps,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The negative ELBO and its terms per image on {@code data}, in batches of the training batch size, with noise
     * from a stream named after the seed (the same every call).
     */
    public Terms evaluate(Dataset data) {
        UniformRandomProvider noise = Rng.split(settings.seed(), "evaluate");
        double loss = 0;
        double reconstruction = 0;
        double kl = 0;
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, settings.batchSize(), false, false, null, backend)) {
                try (Scope scope = Scope.open()) {
                    Vae.Loss l = vae.loss(batch.features(), Noise.sample(noise, backend, batch.size(), config.latentDim()));
                    int n = batch.size();
                    loss += l.total().item() * n;
                    reconstruction += l.reconstruction().item() * n;
                    kl += l.kl().item() * n;
                }
            }
        }
        return new Terms(loss / data.size(), reconstruction / data.size(), kl / data.size());
    }

    /** The number of epochs trained, restored ones included. */
    public int epochsDone() {
        return epochsDone;
    }

    /** The VAE. */
    public Vae vae() {
        return vae;
    }

    /** Its optimizer. */
    public Adam optimizer() {
        return adam;
    }

    /** Sets the epochs trained, after the VAE and its optimizer were restored from a checkpoint of that moment. */
    public void epochsDone(int epochs) {
        epochsDone = epochs;
    }

    /** {@code n} images decoded from {@code z ~ N(0, I)} drawn from {@code rng}, {@code [n, C, H, W]} in [0, 1]. */
    public float[] sample(int n, UniformRandomProvider rng) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return decodeImages(Noise.sample(rng, backend, n, config.latentDim())).toFloatArray();
        }
    }

    /** Writes the decoded images of the fixed prior samples, an 8 × 8 grid. */
    public void writeSamples(Path png) throws IOException {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            SampleGrid.write(png, toGridRange(decodeImages(priorSamples)), GRID_COLUMNS);
        }
    }

    /**
     * Writes the first {@code 4 · 8} images of {@code data} and their reconstructions (decoded posterior means) as
     * pairs of rows: a row of inputs, the row of their reconstructions under it.
     */
    public void writeReconstructions(Dataset data, Path png) throws IOException {
        int n = Math.min(4 * GRID_COLUMNS, data.size() / GRID_COLUMNS * GRID_COLUMNS);
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor x = images(data, n);
            Tensor rebuilt = toGridRange(vae.forward(x).sigmoid());
            Tensor[] rows = new Tensor[2 * n / GRID_COLUMNS];
            for (int r = 0; r < n / GRID_COLUMNS; r++) {
                rows[2 * r] = x.slice(0, r * GRID_COLUMNS, (r + 1) * GRID_COLUMNS);
                rows[2 * r + 1] = rebuilt.slice(0, r * GRID_COLUMNS, (r + 1) * GRID_COLUMNS);
            }
            SampleGrid.write(png, Tensor.concat(0, rows), GRID_COLUMNS);
        }
    }

    /**
     * Writes a latent interpolation grid: each row walks in {@code 8} equal steps from the posterior mean of one
     * image of {@code data} to that of the next (images {@code 2r} and {@code 2r + 1} for row {@code r}), decoded.
     */
    public void writeInterpolations(Dataset data, int rows, Path png) throws IOException {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor mu = vae.encode(images(data, 2 * rows)).mean();
            Tensor[] points = new Tensor[rows * GRID_COLUMNS];
            for (int r = 0; r < rows; r++) {
                Tensor a = mu.slice(0, 2 * r, 2 * r + 1);
                Tensor b = mu.slice(0, 2 * r + 1, 2 * r + 2);
                for (int c = 0; c < GRID_COLUMNS; c++) {
                    float t = c / (float) (GRID_COLUMNS - 1);
                    points[r * GRID_COLUMNS + c] = a.mul(1 - t).add(b.mul(t));
                }
            }
            SampleGrid.write(png, toGridRange(decodeImages(Tensor.concat(0, points))), GRID_COLUMNS);
        }
    }

    private Tensor decodeImages(Tensor z) {
        return vae.decode(z).sigmoid();
    }

    /** [0, 1] pixels to the [-1, 1] of the datasets and of {@link SampleGrid}. */
    private static Tensor toGridRange(Tensor probabilities) {
        return probabilities.mul(2f).sub(1f);
    }

    private Tensor images(Dataset data, int n) {
        int dim = config.channels() * config.imageSize() * config.imageSize();
        float[] values = new float[n * dim];
        for (int i = 0; i < n; i++) {
            data.copyFeatures(i, values, i * dim);
        }
        int[] s = config.imageShape();
        return Tensor.of(backend, values, n, s[0], s[1], s[2]);
    }

    @Override
    public void close() {
        priorSamples.close();
        adam.close();
        vae.close();
    }
}
