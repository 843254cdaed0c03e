package org.jdive.engine.train;

import java.io.IOException;
import java.nio.file.Path;

/** A trainer of a generative model that can draw samples ({@code jdive sample RUN}): GANs implement it. */
public interface Sampler {

    /**
     * Draws {@code count} samples with the seed {@code seed} from the current model and writes them under
     * {@code folder} (e.g. a PNG grid); returns the files written.
     */
    java.util.List<Path> sample(int count, long seed, Path folder) throws IOException;
}
