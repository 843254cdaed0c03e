package org.jdive.core.nn;

/** {@link BatchNorm} over {@code [N, C]} or {@code [N, C, L]} inputs, as PyTorch's {@code nn.BatchNorm1d}. */
public final class BatchNorm1d extends BatchNorm {

    /** PyTorch's defaults: {@code eps = 1e-5}, {@code momentum = 0.1}. */
    public BatchNorm1d(int features) {
        this(features, 1e-5f, 0.1f);
    }

    /**
     * Batch norm with its scale and shift on the default backend.
     *
     * @param features the size of axis 1
     * @param eps added to the variance before its root, {@code > 0}
     * @param momentum the weight of each batch in the running statistics, in [0, 1]
     */
    public BatchNorm1d(int features, float eps, float momentum) {
        super(features, eps, momentum, 2, 3);
    }

    /** Features taken from the first input, as PyTorch's {@code LazyBatchNorm1d}. */
    public static BatchNorm1d lazy() {
        return new BatchNorm1d(WeightedLayer.LAZY);
    }
}
