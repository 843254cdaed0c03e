package org.jdive.core.loss;

import org.jdive.core.Tensor;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The average over all elements (PyTorch's default). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: one value per element (per sample for cross-entropy). */
    NONE;

    Tensor apply(Tensor perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
