package org.jdive.core.backend;

/** The geometry of 2-D max or average pooling over NCHW input, as PyTorch's {@code max_pool2d}/{@code avg_pool2d}. */
public record PoolSpec(int batch, int channels, int inHeight, int inWidth,
                       int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                       int padHeight, int padWidth) {

    /**
     * Checks the geometry.
     *
     * @throws IllegalArgumentException unless every size and stride is positive and the padding is between 0 and half
     *                                  the kernel
     */
    public PoolSpec {
        if (batch <= 0 || channels <= 0 || inHeight <= 0 || inWidth <= 0 || kernelHeight <= 0 || kernelWidth <= 0
                || strideHeight <= 0 || strideWidth <= 0 || padHeight < 0 || padWidth < 0
                || 2 * padHeight > kernelHeight || 2 * padWidth > kernelWidth) {
            throw new IllegalArgumentException("invalid pooling geometry " + this
                    + " (padding may be at most half the kernel, as in PyTorch)");
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
        return batch * channels * inHeight * inWidth;
    }

    /** Elements of the output, {@code N*C*outH*outW}. */
    public int outputSize() {
        return batch * channels * outHeight() * outWidth();
    }
}
