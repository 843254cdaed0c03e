package org.jdive.engine.train;

import java.util.Map;

/**
 * Trains one scenario in chunks of its budget unit (episodes, steps, sweeps, epochs), so that the runner can
 * log, evaluate, checkpoint and stop between chunks. Saving after a chunk and restoring into a fresh trainer
 * of the same scenario continues exactly as if nothing had happened: bit for bit on the CPU backend, for the
 * tabular trainers, DQN (whose checkpoint holds the envs' mid-episode state and its random streams) and the GANs
 * (each epoch's shuffle and noise come from streams named after the seed and the epoch).
 */
public interface Trainer extends AutoCloseable {

    /** Budget units done so far. */
    long done();

    /** Budget units the scenario asks for. */
    long budget();

    /** Whether training is over: the budget is spent or the trainer converged early. */
    default boolean finished() {
        return done() >= budget();
    }

    /**
     * Trains up to {@code units} more units; returns the metrics of this chunk by name (e.g. {@code return},
     * {@code length}, {@code epsilon}, {@code loss}), always the same names in the same order.
     */
    Map<String, Double> train(long units);

    /**
     * What has become NaN or infinite, checked after each chunk: the first of the last chunk's losses or of the
     * parameters (by module path, e.g. {@code online.layers.0.weight}), or empty while training is sound. The runner
     * stops a run that diverged (scenario key {@code on_nonfinite}). Nothing by default: a metric that is an infinity
     * is caught by the runner itself, but a NaN may mean "none yet" (a loss before learning starts), so only the
     * trainer can tell.
     */
    default java.util.Optional<String> nonFinite() {
        return java.util.Optional.empty();
    }

    /** Evaluates the current policy or model; metrics by name, always the same names in the same order. */
    Map<String, Double> evaluate();

    /** Everything needed to continue exactly: tables, weights, random-stream states, counters. */
    TrainerState save();

    /**
     * What evaluating and playing need, for the best-model checkpoint: by default everything ({@link #save()});
     * a trainer whose training-only state is large (a DQN's replay buffer) leaves that out. {@link #restore}
     * takes either, but only a full {@link #save()} can be trained on exactly.
     */
    default TrainerState saveModel() {
        return save();
    }

    /** Continues from {@code state}, written by {@link #save()} of a trainer of the same scenario. */
    void restore(TrainerState state);

    /**
     * Tells the trainer its run folder, where it may write files of its own as it trains (e.g. a GAN's sample
     * grid per epoch); trainers without such files ignore it.
     */
    default void writeFilesTo(java.nio.file.Path runFolder) {
    }

    /** Told of each image a trainer writes to its run folder as it trains. */
    @FunctionalInterface
    interface ImageListener {
        /**
         * The trainer has written {@code image} (a PNG or a GIF), which shows the model after {@code done} units and
         * is shown under {@code tag}.
         *
         * @throws java.io.UncheckedIOException when the image cannot be recorded, naming the file it could not write
         */
        void imageWritten(String tag, long done, java.nio.file.Path image);
    }

    /**
     * Tells {@code listener} of each image the trainer writes to its run folder from now on (a GAN's sample grid after
     * each epoch), so that the runner can show it beside the metrics; trainers that write none ignore it.
     */
    default void onImage(ImageListener listener) {
    }

    /** Frees what the trainer holds (envs, network buffers); nothing by default. */
    @Override
    default void close() {
    }
}
