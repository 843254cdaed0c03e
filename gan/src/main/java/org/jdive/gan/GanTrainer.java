package org.jdive.gan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.loss.Reduction;

/**
 * Trains a {@link Gan} epoch by epoch on a dataset's features (its targets are ignored), as D2L's GAN training
 * loops: for each batch, noise of the batch's size, one discriminator update, one generator update.
 *
 * <p>Each epoch draws its shuffle and its noise from streams named after the seed and the epoch number, so
 * epoch {@code e} does the same work whether the run began at epoch 0 or was resumed from a checkpoint taken
 * after epoch {@code e - 1}: on the CPU backend a resumed run matches an uninterrupted one bit for bit.
 */
public final class GanTrainer {

    /**
     * What the networks read of a batch: the discriminator's real examples and the generator's input for noise
     * {@code z}. {@link #NONE} passes the features and the noise as they are; {@link ClassConditioning} appends
     * the batch's classes.
     */
    public interface Conditioning {

        /** No conditioning: the batch's features and the noise themselves. */
        Conditioning NONE = new Conditioning() {
            @Override
            public Tensor examples(Batch batch) {
                return batch.features();
            }

            @Override
            public Tensor latent(Tensor z, Batch batch) {
                return z;
            }
        };

        /** The real examples the discriminator sees. */
        Tensor examples(Batch batch);

        /** The generator's input for noise {@code z} drawn for {@code batch}. */
        Tensor latent(Tensor z, Batch batch);
    }

    private final Gan gan;
    private final Dataset data;
    private final int batchSize;
    private final boolean dropLast;
    private final int[] latentShape;
    private final long seed;
    private final Backend backend;
    private final Conditioning conditioning;

    /** An unconditional trainer: see {@link #GanTrainer(Gan, Dataset, int, boolean, int[], long, Backend, Conditioning)}. */
    public GanTrainer(Gan gan, Dataset data, int batchSize, boolean dropLast, int[] latentShape, long seed,
                      Backend backend) {
        this(gan, data, batchSize, dropLast, latentShape, seed, backend, Conditioning.NONE);
    }

    /**
     * @param dropLast    whether an epoch's last, smaller batch is skipped (wanted with batch norm, whose
     *                    statistics need more than one example)
     * @param latentShape one noise vector's shape, without the batch axis
     * @param conditioning what the networks read of each batch
     */
    public GanTrainer(Gan gan, Dataset data, int batchSize, boolean dropLast, int[] latentShape, long seed,
                      Backend backend, Conditioning conditioning) {
        if (batchSize <= 0 || batchSize > data.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + data.size() + "] (the dataset's size), got "
                    + batchSize);
        }
        this.gan = gan;
        this.data = data;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.latentShape = latentShape.clone();
        this.seed = seed;
        this.backend = backend;
        this.conditioning = conditioning;
    }

    /** Trains epoch {@code epoch} (counted from 0) and returns its record. */
    public EpochStats trainEpoch(int epoch) {
        long start = System.nanoTime();
        UniformRandomProvider noise = Rng.split(seed, "noise/epoch-" + epoch);
        DataLoader loader = new DataLoader(data, batchSize, true, dropLast, Rng.split(seed, "data/epoch-" + epoch), backend);
        double lossD = 0;
        double lossG = 0;
        double dReal = 0;
        double dFake = 0;
        int examples = 0;
        int steps = 0;
        for (Batch batch : loader) {
            StepStats s;
            try (Scope scope = Scope.open()) {
                Tensor z = Noise.sample(noise, backend, batch.size(), latentShape);
                s = gan.step(conditioning.examples(batch), conditioning.latent(z, batch));
            }
            lossD += s.lossD();
            lossG += s.lossG();
            dReal += s.dReal();
            dFake += s.dFake();
            examples += batch.size();
            steps++;
        }
        int perExample = gan.reduction() == Reduction.SUM ? examples : steps;
        return new EpochStats(epoch, (float) (lossD / perExample), (float) (lossG / perExample), (float) (dReal / steps),
                (float) (dFake / steps), steps, (System.nanoTime() - start) / 1e9);
    }

}
