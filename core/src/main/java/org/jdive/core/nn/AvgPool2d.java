package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** Average pooling over NCHW inputs with a square window, as PyTorch's {@code nn.AvgPool2d}; padded cells count as zeros in the average ({@code count_include_pad=True}). */
public final class AvgPool2d extends Module {

    private final int kernel;
    private final int stride;
    private final int padding;

    /** Non-overlapping windows: the stride is the kernel size (PyTorch's default). */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Windows of {@code kernel × kernel} cells every {@code stride} cells, over the input padded by {@code padding} (at
     * most half the kernel) on each side.
     */
    public AvgPool2d(int kernel, int stride, int padding) {
        ConvChecks.geometry("AvgPool2d", 1, kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvChecks.requireNchw("AvgPool2d", x);
        return x.avgPool2d(kernel, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
