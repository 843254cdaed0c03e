package org.jdive.gan.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.jdive.engine.train.Trainer;

/**
 * A trainer whose budget unit is the epoch: the run loop, the budget and the run folder are here; each GAN kind
 * says how one epoch trains and what image it leaves in the run folder.
 */
abstract class EpochTrainer implements Trainer {

    private final long budget;
    private Path runFolder;

    EpochTrainer(long budget) {
        this.budget = budget;
    }

    /** Epochs trained so far, restored ones included. */
    abstract int epochsDone();

    /** Trains one epoch and returns its metrics row. */
    abstract Map<String, Double> trainEpoch();

    /** Writes this epoch's picture (sample grid or scatter plot) to {@code png}; nothing by default. */
    void writeEpochImage(Path png) throws IOException {
    }

    @Override
    public final void writeFilesTo(Path folder) {
        runFolder = folder;
    }

    @Override
    public final long done() {
        return epochsDone();
    }

    @Override
    public final long budget() {
        return budget;
    }

    @Override
    public final Map<String, Double> train(long units) {
        Map<String, Double> metrics = Map.of();
        for (long i = 0; i < units && !finished(); i++) {
            metrics = trainEpoch();
            if (runFolder != null) {
                Path png = GanKeys.epochImage(runFolder, epochsDone());
                try {
                    writeEpochImage(png);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
                }
            }
        }
        return metrics;
    }
}
