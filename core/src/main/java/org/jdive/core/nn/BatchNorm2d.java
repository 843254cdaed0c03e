package org.jdive.core.nn;

/** {@link BatchNorm} over {@code [N, C, H, W]} inputs, per channel, as PyTorch's {@code nn.BatchNorm2d}. */
public final class BatchNorm2d extends BatchNorm {

    /** PyTorch's defaults: {@code eps = 1e-5}, {@code momentum = 0.1}. */
    public BatchNorm2d(int channels) {
        this(channels, 1e-5f, 0.1f);
    }

    /**
     * Batch norm with its scale and shift on the default backend.
     *
     * @param channels the size of axis 1
     * @param eps added to the variance before its root, {@code > 0}
     * @param momentum the weight of each batch in the running statistics, in [0, 1]
     */
    public BatchNorm2d(int channels, float eps, float momentum) {
        super(channels, eps, momentum, 4);
    }

    /** Channels taken from the first input, as PyTorch's {@code LazyBatchNorm2d} (D2L 8.5). */
    public static BatchNorm2d lazy() {
        return new BatchNorm2d(WeightedLayer.LAZY);
    }
}
