package org.jdive.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trainer of a model that can draw samples ({@code jdive sample RUN}): GANs and VAEs draw images, classifiers show
 * their predictions, language models continue a prefix.
 */
public interface Sampler {

    /**
     * Draws {@code count} samples with the seed {@code seed} from the current model and writes them under
     * {@code folder} (e.g. a PNG grid); returns the files written.
     */
    List<Path> sample(int count, long seed, Path folder) throws IOException;

    /**
     * The options this model's sampling takes beyond count and seed (e.g. {@code label} for a class-conditional
     * model, {@code prefix} for a language model), each with what it means; none by default. {@code jdive sample}
     * refuses any other.
     */
    default Map<String, String> sampleOptions() {
        return Map.of();
    }

    /**
     * As {@link #sample(int, long, Path)}, with options among {@link #sampleOptions()} (their values as given on
     * the command line); a model without options ignores an empty map. A sampler with options overrides this,
     * calling {@link #checkOptions} first.
     *
     * @throws IllegalArgumentException for an option this model does not take, or a bad value, naming it
     */
    default List<Path> sample(int count, long seed, Map<String, String> options, Path folder) throws IOException {
        checkOptions(options);
        return sample(count, seed, folder);
    }

    /** Refuses any of {@code options} that is not among {@link #sampleOptions()}, saying which are. */
    default void checkOptions(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (!sampleOptions().containsKey(name)) {
                throw new IllegalArgumentException("this model takes no sample option '" + name + "'; it takes "
                        + (sampleOptions().isEmpty() ? "none" : String.join(", ", sampleOptions().keySet())));
            }
        }
    }
}
