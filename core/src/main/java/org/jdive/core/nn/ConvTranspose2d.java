package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * Transposed 2-D convolution over NCHW inputs with a square kernel, as PyTorch's {@code nn.ConvTranspose2d}:
 * weight {@code [in, out, k, k]}, bias {@code [out]}; the output is
 * {@code (H - 1)·stride - 2·padding + k + outputPadding} high (and as wide). DCGAN's generator (D2L 20.2) is
 * built from these.
 */
public final class ConvTranspose2d extends WeightedLayer {

    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;

    /**
     * A transposed convolution whose weight (and bias) {@code rng} draws as PyTorch does.
     *
     * @param padding cells cut from each side of the output
     * @param outputPadding cells added to one side of the output, in {@code [0, stride)}, to pick among the output
     *                      sizes a stride allows
     */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
                           boolean bias, UniformRandomProvider rng) {
        super(inChannels, in -> new int[] {in, outChannels, kernel, kernel},
                ConvChecks.geometry("ConvTranspose2d", outChannels, kernel, stride, padding), bias, rng);
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("ConvTranspose2d: output padding must be in [0, stride = " + stride
                    + "), got " + outputPadding);
        }
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
    }

    /** A transposed convolution whose input channels are taken from its first input. */
    public static ConvTranspose2d lazy(int outChannels, int kernel, int stride, int padding, int outputPadding,
                                       UniformRandomProvider rng) {
        return lazy(outChannels, kernel, stride, padding, outputPadding, true, rng);
    }

    /** A lazy transposed convolution with or without a bias (DCGAN's have none: batch norm follows). */
    public static ConvTranspose2d lazy(int outChannels, int kernel, int stride, int padding, int outputPadding,
                                       boolean bias, UniformRandomProvider rng) {
        return new ConvTranspose2d(LAZY, outChannels, kernel, stride, padding, outputPadding, bias, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvChecks.requireNchw("ConvTranspose2d", x);
        materializeFor(x, x.shape(1));
        Tensor y = x.convTranspose2d(weight, stride, padding, outputPadding);
        return bias == null ? y : y.add(bias.reshape(1, outChannels, 1, 1));
    }

    @Override
    protected String extraRepr() {
        return "in=" + (inSize() == LAZY ? "lazy" : inSize()) + ", out=" + outChannels + ", kernel=" + kernel
                + ", stride=" + stride + ", padding=" + padding + ", output_padding=" + outputPadding
                + ", bias=" + hasBias();
    }
}
