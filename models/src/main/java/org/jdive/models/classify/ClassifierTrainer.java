package org.jdive.models.classify;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.optim.LrSchedule;

/**
 * Trains a {@link Classifier} epoch by epoch, as D2L's {@code Trainer.fit} does: each epoch one pass over the
 * shuffled training set in minibatches (the last, smaller one kept), then the validation set's loss and accuracy.
 * Each epoch's shuffle comes from a stream named after the seed and the epoch, so epoch {@code e} does the same work
 * whether the run began at epoch 0 or was resumed after epoch {@code e − 1}; so do the {@link EpochStream}s the
 * network draws from as it trains (dropout's masks), which the trainer restarts before each epoch.
 */
public final class ClassifierTrainer {

    /** One epoch's record, as D2L plots it, and the learning rate it trained at. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                        double validationAccuracy, double learningRate, double seconds) {
    }

    private final Classifier classifier;
    private final Dataset train;
    private final Dataset validation;
    private final int batchSize;
    private final long seed;
    private final Backend backend;
    private final List<EpochStream> streams = new ArrayList<>();
    private LrSchedule schedule;
    private int validationBatch = 1000;
    private int epochsDone;

    public ClassifierTrainer(Classifier classifier, Dataset train, Dataset validation, int batchSize, long seed,
                             Backend backend) {
        if (batchSize < 1 || batchSize > train.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + train.size() + "], got " + batchSize);
        }
        this.classifier = classifier;
        this.train = train;
        this.validation = validation;
        this.batchSize = batchSize;
        this.seed = seed;
        this.backend = backend;
    }

    /** Restarts {@code stream} (one the network draws from as it trains) at the start of every epoch; returns this. */
    public ClassifierTrainer restartsEachEpoch(EpochStream stream) {
        streams.add(stream);
        return this;
    }

    /**
     * Sets the optimizer's learning rate before each epoch {@code e} (counted from 0) to {@code schedule.lr(e)}, as
     * D2L 12.11 schedules per epoch; returns this. Without a schedule the optimizer keeps its rate.
     */
    public ClassifierTrainer schedule(LrSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /**
     * Scores the validation set in batches of {@code size} (1000 unless set: a batch of large images at 224 pixels
     * needs gigabytes of activations); returns this.
     */
    public ClassifierTrainer validationBatch(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("validation batch size must be positive, got " + size);
        }
        this.validationBatch = size;
        return this;
    }

    /** Trains one more epoch and scores the validation set. */
    public Epoch trainEpoch() {
        long start = System.nanoTime();
        int epoch = epochsDone;
        streams.forEach(s -> s.startEpoch(epoch));
        if (schedule != null) {
            schedule.applyTo(classifier.optimizer(), epoch);
        }
        double lr = Double.parseDouble(Float.toString(classifier.optimizer().lr())); // 0.1f logged as 0.1, not 0.100000001
        DataLoader loader = new DataLoader(train, batchSize, true, false, Rng.split(seed, "data/epoch-" + epoch), backend);
        Classifier.Score seen = new Classifier.Score(0, 0, 0);
        for (Batch batch : loader) { // the loader frees each batch when it makes the next
            seen = seen.plus(classifier.step(batch.features(), batch.targets()));
        }
        epochsDone++;
        Classifier.Score held = classifier.evaluate(validation, validationBatch);
        return new Epoch(epochsDone, seen.loss(), seen.accuracy(), held.loss(), held.accuracy(), lr,
                (System.nanoTime() - start) / 1e9);
    }

    public Classifier classifier() {
        return classifier;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Sets the epochs already trained (what a checkpoint restores). */
    public void epochsDone(int epochs) {
        this.epochsDone = epochs;
    }
}
