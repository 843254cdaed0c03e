package org.jdive.gan.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdive.core.nn.Module;
import org.jdive.engine.train.Trainer;

/**
 * A trainer whose budget unit is the epoch: the run loop, the budget and the run folder are here; each kind of the
 * gan module says how one epoch trains and what image it leaves in the run folder.
 */
abstract class EpochTrainer implements Trainer {

    private final long budget;
    private Path runFolder;
    private Map<String, Double> lastEpoch = Map.of();
    private ImageListener images = (tag, done, image) -> { };

    EpochTrainer(long budget) {
        this.budget = budget;
    }

    /** Epochs trained so far, restored ones included. */
    abstract int epochsDone();

    /** Trains one epoch and returns its metrics row. */
    abstract Map<String, Double> trainEpoch();

    /**
     * The networks, checked for NaN and infinity after each chunk, by what an error calls them (e.g. "the
     * generator"), in the order checked.
     */
    abstract Map<String, Module> networks();

    /** A GAN's {@link #networks()}: the generator, then the discriminator. */
    static Map<String, Module> gan(Module generator, Module discriminator) {
        Map<String, Module> nets = new LinkedHashMap<>();
        nets.put("the generator", generator);
        nets.put("the discriminator", discriminator);
        return nets;
    }

    /** The run folder, or null when the run writes no files. */
    Path runFolder() {
        return runFolder;
    }

    /** Writes this epoch's picture (sample grid or scatter plot) to {@code png}; nothing by default. */
    void writeEpochImage(Path png) throws IOException {
    }

    @Override
    public final void writeFilesTo(Path folder) {
        runFolder = folder;
    }

    @Override
    public final void onImage(ImageListener listener) {
        images = listener;
    }

    /** The losses exist every epoch, so a NaN among them is divergence; then the networks' parameters. */
    @Override
    public final Optional<String> nonFinite() {
        for (Map.Entry<String, Double> m : lastEpoch.entrySet()) {
            if (!Double.isFinite(m.getValue())) {
                return Optional.of("metric " + m.getKey());
            }
        }
        for (Map.Entry<String, Module> net : networks().entrySet()) {
            Optional<String> bad = net.getValue().firstNonFiniteParameter();
            if (bad.isPresent()) {
                return Optional.of(net.getKey() + "'s parameter " + bad.get());
            }
        }
        return Optional.empty();
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
            lastEpoch = metrics;
            if (runFolder != null) {
                Path png = GanKeys.epochImage(runFolder, epochsDone());
                try {
                    writeEpochImage(png);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
                }
                if (Files.exists(png)) { // a kind that draws nothing leaves no file
                    images.imageWritten("samples", epochsDone(), png);
                }
            }
        }
        return metrics;
    }
}
