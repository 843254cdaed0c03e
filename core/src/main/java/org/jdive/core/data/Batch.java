package org.jdive.core.data;

import org.jdive.core.Tensor;

/**
 * A batch of examples: {@code features} {@code [B, featureShape...]} and {@code targets} {@code [B, targetShape...]}.
 * Both belong to no scope; the {@link DataLoader} frees them when the next batch is requested (or the
 * iteration ends), so {@linkplain Tensor#keep() copy} what must outlive that, or {@link #close()} early.
 */
public record Batch(Tensor features, Tensor targets) implements AutoCloseable {

    /** The number of examples. */
    public int size() {
        return features.shape(0);
    }

    @Override
    public void close() {
        features.close();
        targets.close();
    }
}
