package org.jdive.gan.ddpm;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.jdive.gan.io.AnimatedGif;
import org.jdive.gan.io.SampleGrid;

/**
 * Trains a {@link Ddpm} with Adam on images in [-1, 1], epoch by epoch over shuffled batches (Algorithm 1: a uniform
 * timestep and fresh noise per image), and evaluates its loss on a held-out set. Each epoch draws its shuffle, its
 * timesteps and its noise from streams named after the seed and the epoch, so a run resumed from a checkpoint
 * continues exactly as an uninterrupted one (bit for bit on the CPU backend); the held-out loss always uses the same
 * timesteps and noise, so its values compare across epochs. The sample grid and the reverse-process GIF start from
 * the same fixed {@code x_T} every time.
 */
public final class DdpmTrainer implements AutoCloseable {

    /** How to train. */
    public record Settings(int batchSize, float lr, long seed) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException unless {@code batchSize >= 1} and {@code lr >= 0}
         */
        public Settings {
            if (batchSize < 1 || !(lr >= 0)) {
                throw new IllegalArgumentException("DDPM training: need batch size >= 1 and lr >= 0, got " + this);
            }
        }
    }

    /** An epoch's record: its mean training loss, steps and seconds. */
    public record EpochRecord(int epoch, double loss, int steps, double seconds) {
    }

    /** Images per row of the figures. */
    public static final int GRID_COLUMNS = 8;
    private static final int GRID_IMAGES = 8 * GRID_COLUMNS;

    private final UNetConfig config;
    private final Settings settings;
    private final Dataset train;
    private final Backend backend;
    private final Ddpm ddpm;
    private final Adam adam;
    private final Tensor gridNoise;
    private int epochsDone;

    /**
     * Builds the U-Net on {@code backend}, initialised from the stream {@code "init"} of the seed, with Adam
     * (β = (0.9, 0.999)) and the fixed {@code x_T} of the sample grid.
     *
     * @param train images of {@code config.imageShape()} in [-1, 1]; targets ignored
     * @throws IllegalArgumentException if the images have another shape or the batch is larger than the data
     */
    public DdpmTrainer(UNetConfig config, NoiseSchedule schedule, Settings settings, Dataset train, Backend backend) {
        if (!Arrays.equals(train.featureShape(), config.imageShape())) {
            throw new IllegalArgumentException("the U-Net reads images " + Arrays.toString(config.imageShape())
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
        ddpm = new Ddpm(new UNet(config, backend, Rng.split(settings.seed(), "init")), schedule);
        adam = new Adam(ddpm.net().parameters(), settings.lr());
        gridNoise = Noise.sample(Rng.split(settings.seed(), "grid"), backend, GRID_IMAGES, config.imageShape()).keep();
    }

    /** Trains one more epoch. */
    public EpochRecord trainEpoch() {
        long start = System.nanoTime();
        int epoch = epochsDone;
        UniformRandomProvider noise = Rng.split(settings.seed(), "noise/epoch-" + epoch);
        DataLoader loader = new DataLoader(train, settings.batchSize(), true, false,
                Rng.split(settings.seed(), "data/epoch-" + epoch), backend);
        double loss = 0;
        int steps = 0;
        for (Batch batch : loader) {
            try (Scope scope = Scope.open()) {
                adam.zeroGrad();
                Tensor l = lossOf(batch.features(), noise);
                l.backward();
                adam.step();
                loss += l.item();
            }
            steps++;
        }
        epochsDone++;
        return new EpochRecord(epoch, loss / steps, steps, (System.nanoTime() - start) / 1e9);
    }

    /** The mean loss on {@code data} with timesteps and noise from a stream named after the seed (the same every call). */
    public double evaluate(Dataset data) {
        UniformRandomProvider noise = Rng.split(settings.seed(), "evaluate");
        double loss = 0;
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, settings.batchSize(), false, false, null, backend)) {
                try (Scope scope = Scope.open()) {
                    loss += lossOf(batch.features(), noise).item() * batch.size();
                }
            }
        }
        return loss / data.size();
    }

    /** Algorithm 1's loss of a batch: a uniform timestep per image, then standard normal noise, both from {@code rng}. */
    private Tensor lossOf(Tensor x0, UniformRandomProvider rng) {
        int n = x0.shape(0);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(ddpm.schedule().steps());
        }
        return ddpm.loss(x0, t, Noise.sample(rng, backend, n, config.imageShape()));
    }

    /** The number of epochs trained, restored ones included. */
    public int epochsDone() {
        return epochsDone;
    }

    /** The model. */
    public Ddpm ddpm() {
        return ddpm;
    }

    /** The U-Net's optimizer. */
    public Adam optimizer() {
        return adam;
    }

    /** Sets the epochs trained, after the U-Net and its optimizer were restored from a checkpoint of that moment. */
    public void epochsDone(int epochs) {
        epochsDone = epochs;
    }

    /**
     * {@code n} images {@code [n, C, H, W]} in [-1, 1] (clamped) sampled with {@code sampling} from {@code x_T} drawn
     * from {@code rng}, which then draws the reverse process's noise; in chunks of {@code chunk} images.
     */
    public float[] sample(int n, UniformRandomProvider rng, Sampling sampling, int chunk) {
        int size = config.channels() * config.imageSize() * config.imageSize();
        float[] out = new float[n * size];
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            try (Scope scope = Scope.open()) {
                Tensor xT = Noise.sample(rng, backend, count, config.imageShape());
                try (Tensor x0 = ddpm.sample(xT, sampling, rng, (x, step) -> { })) {
                    System.arraycopy(x0.clamp(-1f, 1f).toFloatArray(), 0, out, from * size, count * size);
                }
            }
        }
        return out;
    }

    /**
     * Writes the images sampled with {@code sampling} from the fixed {@code x_T} to {@code png}, an 8 × 8 grid, and
     * their reverse process to {@code gif}, an animated GIF: the first {@code images} of the grid
     * (at most 64) at {@code x_T} and after about {@code frames} evenly spread steps, the last frame (the samples)
     * held for two seconds.
     */
    public void writeSamples(Path png, Path gif, Sampling sampling, int images, int frames) throws IOException {
        if (images < 1 || images > GRID_IMAGES || frames < 1) {
            throw new IllegalArgumentException("the reverse-process GIF shows 1 to " + GRID_IMAGES
                    + " images in at least one frame, got " + images + " images, " + frames + " frames");
        }
        int steps = sampling.method() == Sampling.Method.DDPM ? ddpm.schedule().steps() : sampling.steps();
        int every = Math.max(1, steps / frames);
        List<BufferedImage> shots = new ArrayList<>();
        try (Scope scope = Scope.open()) {
            shots.add(AnimatedGif.frame(gridNoise.slice(0, 0, images), GRID_COLUMNS));
            try (Tensor x0 = ddpm.sample(gridNoise, sampling, Rng.split(settings.seed(), "grid-steps"), (x, step) -> {
                if (step % every == 0 || step == steps) {
                    try (Scope frame = Scope.open()) {
                        shots.add(AnimatedGif.frame(x.slice(0, 0, images).clamp(-1f, 1f), GRID_COLUMNS));
                    }
                }
            })) {
                SampleGrid.write(png, x0.clamp(-1f, 1f), GRID_COLUMNS);
            }
        }
        AnimatedGif.write(gif, shots, 8, 200);
    }

    @Override
    public void close() {
        gridNoise.close();
        adam.close();
        ddpm.net().close();
    }
}
