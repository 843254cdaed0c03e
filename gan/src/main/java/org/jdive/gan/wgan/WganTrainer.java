package org.jdive.gan.wgan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.gan.EpochStats;
import org.jdive.gan.Noise;

/**
 * Trains a {@link WganGp} epoch by epoch as Algorithm 1 of Gulrajani et al.: every batch of real examples makes one
 * critic step, and every {@code nCritic}-th critic step is followed by one generator step on fresh noise. An epoch
 * is one pass over the data, so it holds {@code ⌊batches / nCritic⌋} generator steps.
 *
 * <p>As {@link org.jdive.gan.GanTrainer}, each epoch draws its shuffle, noise and interpolation weights from
 * streams named after the seed and the epoch number, and counts critic steps from zero: a run resumed after
 * epoch {@code e − 1} trains epoch {@code e} exactly as an uninterrupted one (bit for bit on the CPU backend).
 * The record's {@code dReal} and {@code dFake} are the critic's mean scores (not probabilities), {@code lossD} the
 * mean critic loss, penalty included, and {@code lossG} the mean generator loss.
 */
public final class WganTrainer {

    private final WganGp wgan;
    private final Dataset data;
    private final int batchSize;
    private final int nCritic;
    private final int latentDim;
    private final long seed;
    private final Backend backend;

    /** @param nCritic critic steps per generator step (the paper's 5) */
    public WganTrainer(WganGp wgan, Dataset data, int batchSize, int nCritic, int latentDim, long seed, Backend backend) {
        if (batchSize <= 0 || batchSize > data.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + data.size() + "] (the dataset's size), got "
                    + batchSize);
        }
        if (nCritic < 1) {
            throw new IllegalArgumentException("WGAN-GP needs at least one critic step per generator step, got " + nCritic);
        }
        this.wgan = wgan;
        this.data = data;
        this.batchSize = batchSize;
        this.nCritic = nCritic;
        this.latentDim = latentDim;
        this.seed = seed;
        this.backend = backend;
    }

    /** Trains epoch {@code epoch} (counted from 0) and returns its record; {@code steps} counts critic steps. */
    public EpochStats trainEpoch(int epoch) {
        long start = System.nanoTime();
        UniformRandomProvider noise = Rng.split(seed, "noise/epoch-" + epoch);
        UniformRandomProvider interpolation = Rng.split(seed, "epsilon/epoch-" + epoch);
        DataLoader loader = new DataLoader(data, batchSize, true, true, Rng.split(seed, "data/epoch-" + epoch), backend);
        double lossD = 0;
        double lossG = 0;
        double real = 0;
        double fake = 0;
        int criticSteps = 0;
        int generatorSteps = 0;
        for (Batch batch : loader) {
            int n = batch.size();
            WganGp.CriticStep c;
            try (Tensor z = Noise.sample(noise, backend, n, latentDim);
                 Tensor epsilon = Tensor.of(backend, uniform(interpolation, n), n)) {
                c = wgan.updateCritic(batch.features(), z, epsilon);
            }
            lossD += c.loss();
            real += c.realScore();
            fake += c.fakeScore();
            criticSteps++;
            if (criticSteps % nCritic == 0) {
                try (Tensor z = Noise.sample(noise, backend, n, latentDim)) {
                    lossG += wgan.updateGenerator(z);
                }
                generatorSteps++;
            }
        }
        return new EpochStats(epoch, (float) (lossD / criticSteps), (float) (generatorSteps == 0 ? 0 : lossG / generatorSteps),
                (float) (real / criticSteps), (float) (fake / criticSteps), criticSteps, (System.nanoTime() - start) / 1e9);
    }

    private static float[] uniform(UniformRandomProvider rng, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextFloat();
        }
        return values;
    }
}
