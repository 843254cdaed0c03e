package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * 2-D convolution over NCHW inputs with a square kernel, as PyTorch's {@code nn.Conv2d}: weight
 * {@code [out, in, k, k]}, bias {@code [out]}; the output is {@code floor((H + 2·padding - k) / stride) + 1}
 * high (and as wide).
 */
public final class Conv2d extends WeightedLayer {

    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;

    /** A convolution with stride 1, no padding and a bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, UniformRandomProvider rng) {
        this(inChannels, outChannels, kernel, 1, 0, true, rng);
    }

    /**
     * A convolution whose weight (and bias) {@code rng} draws as PyTorch does: Kaiming uniform with {@code a = √5}, the
     * bias {@code U(-1/√fanIn, 1/√fanIn)}.
     *
     * @param padding zeros added on each side of the height and the width
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias,
                  UniformRandomProvider rng) {
        super(inChannels, in -> new int[] {outChannels, in, kernel, kernel},
                ConvChecks.geometry("Conv2d", outChannels, kernel, stride, padding), bias, rng);
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** A convolution whose input channels are taken from its first input, as PyTorch's {@code LazyConv2d}. */
    public static Conv2d lazy(int outChannels, int kernel, int stride, int padding, UniformRandomProvider rng) {
        return lazy(outChannels, kernel, stride, padding, true, rng);
    }

    /** A lazy convolution with or without a bias (DCGAN's have none: batch norm follows). */
    public static Conv2d lazy(int outChannels, int kernel, int stride, int padding, boolean bias,
                              UniformRandomProvider rng) {
        return new Conv2d(LAZY, outChannels, kernel, stride, padding, bias, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvChecks.requireNchw("Conv2d", x);
        materializeFor(x, x.shape(1));
        return x.conv2d(weight, bias, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "in=" + (inSize() == LAZY ? "lazy" : inSize()) + ", out=" + outChannels + ", kernel=" + kernel
                + ", stride=" + stride + ", padding=" + padding + ", bias=" + hasBias();
    }
}
