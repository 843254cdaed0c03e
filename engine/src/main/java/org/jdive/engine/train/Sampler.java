package org.jdive.engine.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trainer of a model that can draw samples ({@code jdive sample RUN}): GANs draw images, classifiers show their
 * predictions, language models continue a prompt.
 */
public interface Sampler {

    /**
     * Draws {@code count} samples with the seed {@code seed} from the current model and writes them under
     * {@code folder} (e.g. a PNG grid); returns the files written.
     */
    java.util.List<Path> sample(int count, long seed, Path folder) throws IOException;

    /** Whether {@link #sample(int, long, String, Path)} takes a prompt (a language model's prefix to continue). */
    default boolean takesPrompt() {
        return false;
    }

    /**
     * Draws as {@link #sample(int, long, Path)} does, from {@code prompt} (null: none), which only a sampler that
     * {@link #takesPrompt()} accepts.
     */
    default java.util.List<Path> sample(int count, long seed, String prompt, Path folder) throws IOException {
        if (prompt != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes no prompt");
        }
        return sample(count, seed, folder);
    }
}
