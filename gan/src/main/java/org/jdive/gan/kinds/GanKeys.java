package org.jdive.gan.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.io.Checkpoint;
import org.jdive.gan.EpochStats;
import org.jdive.gan.PointGan;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.TrainerState;

/** What the GAN kinds share: the budget in epochs, the per-epoch training metrics, checkpoints packed from files. */
final class GanKeys {

    private static final String GENERATOR_FILE = "generator.safetensors";
    private static final String DISCRIMINATOR_FILE = "discriminator.safetensors";

    private GanKeys() {
    }

    /** {@code budget.epochs} with the kind's default. */
    static Key epochs(long defaultEpochs) {
        return Key.optional("budget.epochs", new ValueType.Int(1, 1_000_000), defaultEpochs,
                "Epochs to train (one epoch is one pass over the training set).");
    }

    /** {@code model.batch_size} with the kind's default. */
    static Key batchSize(long defaultSize, long min) {
        return Key.optional("model.batch_size", new ValueType.Int(min, 1_000_000), defaultSize,
                "Examples per discriminator and generator update.");
    }

    /** The check that a batch ({@code batch}) is no larger than the training set ({@code points}). */
    static TrainerKind.Check batchFitsData(Key batch, Key points) {
        return scenario -> scenario.integer(batch.path()) <= scenario.integer(points.path()) ? List.of()
                : List.of(scenario.problem(batch.path(), "must be at most " + points.path() + " ("
                        + scenario.integer(points.path()) + "), got " + scenario.integer(batch.path())));
    }

    /** A learning rate key. */
    static Key learningRate(String path, double defaultRate, String doc) {
        return Key.optional(path, new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false), defaultRate, doc);
    }

    /** An epoch's losses and discriminator probabilities, as every GAN kind logs them. */
    static Map<String, Double> metrics(EpochStats s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss_d", (double) s.lossD());
        m.put("loss_g", (double) s.lossG());
        m.put("d_real", (double) s.dReal());
        m.put("d_fake", (double) s.dFake());
        return m;
    }

    /** The PNG of epoch {@code epoch} (counted from 1) under the run folder's {@code samples/}. */
    static Path epochImage(Path runFolder, long epoch) {
        return runFolder.resolve("samples").resolve(String.format(java.util.Locale.ROOT, "epoch-%04d.png", epoch));
    }

    /** A point GAN's state: its epoch count, both networks and both optimizers. */
    static TrainerState save(PointGan gan) {
        try {
            return new TrainerState().put("epochs", (long) gan.epochsDone()).putFiles(dir -> {
                Checkpoint.save(dir.resolve(GENERATOR_FILE), gan.generator(), gan.optimizerG());
                Checkpoint.save(dir.resolve(DISCRIMINATOR_FILE), gan.discriminator(), gan.optimizerD());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint the GAN: " + e.getMessage(), e);
        }
    }

    /** Restores what {@link #save(PointGan)} saved; training then goes on exactly. */
    static void restore(PointGan gan, TrainerState state) {
        try {
            state.readFiles(dir -> {
                Checkpoint.load(dir.resolve(GENERATOR_FILE), gan.generator(), gan.optimizerG());
                Checkpoint.load(dir.resolve(DISCRIMINATOR_FILE), gan.discriminator(), gan.optimizerD());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the GAN: " + e.getMessage(), e);
        }
        gan.epochsDone(Math.toIntExact(state.scalar("epochs")));
    }
}
