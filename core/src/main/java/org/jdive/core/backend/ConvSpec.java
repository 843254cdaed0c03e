package org.jdive.core.backend;

/**
 * The geometry of a 2-D convolution over NCHW input with OIHW weights, as PyTorch's {@code conv2d}
 * (no dilation, one group). Transposed convolution is this convolution's backward-data.
 */
public record ConvSpec(int batch, int inChannels, int inHeight, int inWidth,
                       int outChannels, int kernelHeight, int kernelWidth,
                       int strideHeight, int strideWidth, int padHeight, int padWidth) {

    /**
     * Checks the geometry.
     *
     * @throws IllegalArgumentException unless every size and stride is positive, the padding is at least 0 and the
     *                                  kernel fits the padded input
     */
    public ConvSpec {
        if (batch <= 0 || inChannels <= 0 || inHeight <= 0 || inWidth <= 0 || outChannels <= 0
                || kernelHeight <= 0 || kernelWidth <= 0 || strideHeight <= 0 || strideWidth <= 0
                || padHeight < 0 || padWidth < 0) {
            throw new IllegalArgumentException("invalid convolution geometry " + this);
        }
        if (inHeight + 2 * padHeight < kernelHeight || inWidth + 2 * padWidth < kernelWidth) {
            throw new IllegalArgumentException("kernel " + kernelHeight + "x" + kernelWidth
                    + " is larger than the padded input " + (inHeight + 2 * padHeight) + "x" + (inWidth + 2 * padWidth));
        }
    }

    /** The output's height, {@code (inHeight + 2·padHeight - kernelHeight) / strideHeight + 1}. */
    public int outHeight() {
        return (inHeight + 2 * padHeight - kernelHeight) / strideHeight + 1;
    }

    /** The output's width, {@code (inWidth + 2·padWidth - kernelWidth) / strideWidth + 1}. */
    public int outWidth() {
        return (inWidth + 2 * padWidth - kernelWidth) / strideWidth + 1;
    }

    /** Elements of the input, {@code N*C*H*W}. */
    public int inputSize() {
        return batch * inChannels * inHeight * inWidth;
    }

    /** Elements of the weights, {@code O*C*kH*kW}. */
    public int weightSize() {
        return outChannels * inChannels * kernelHeight * kernelWidth;
    }

    /** Elements of the output, {@code N*O*outH*outW}. */
    public int outputSize() {
        return batch * outChannels * outHeight() * outWidth();
    }
}
