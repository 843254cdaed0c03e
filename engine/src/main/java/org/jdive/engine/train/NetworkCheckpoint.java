package org.jdive.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Optimizer;

/**
 * A trainer's state as the supervised kinds keep it: one network and its optimizer in a safetensors file among the
 * checkpoint's files, and a count of the training done (epochs, examples) beside it; and the check of an epoch's
 * metrics and the network's parameters for values that are not finite.
 *
 * @param what      the model, as an error message names it ("the classifier")
 * @param file      the safetensors file's name in the checkpoint
 * @param counter   the name of the count of training done
 * @param net       the network
 * @param optimizer its optimizer, whose state is saved with it
 */
public record NetworkCheckpoint(String what, String file, String counter, Module net, Optimizer optimizer) {

    /** The network and optimizer as {@code net.safetensors}, training counted in {@code epochs}. */
    public static NetworkCheckpoint ofEpochs(String what, Module net, Optimizer optimizer) {
        return new NetworkCheckpoint(what, "net.safetensors", "epochs", net, optimizer);
    }

    /** The state to checkpoint, {@code done} units of training in. */
    public TrainerState save(long done) {
        try {
            return new TrainerState().put(counter, done).putFiles(dir -> Checkpoint.save(dir.resolve(file), net, optimizer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint " + what + ": " + e.getMessage(), e);
        }
    }

    /** Loads the network and optimizer from {@code state}; returns the units of training done. */
    public long restore(TrainerState state) {
        try {
            state.readFiles(dir -> Checkpoint.load(dir.resolve(file), net, optimizer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + what + ": " + e.getMessage(), e);
        }
        return state.scalar(counter);
    }

    /** The first of {@code metrics} that is not finite, else the network's first such parameter ({@link Trainer#nonFinite}). */
    public Optional<String> nonFinite(Map<String, Double> metrics) {
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (!Double.isFinite(m.getValue())) {
                return Optional.of("metric " + m.getKey());
            }
        }
        return net.firstNonFiniteParameter().map(p -> "the network's parameter " + p);
    }
}
