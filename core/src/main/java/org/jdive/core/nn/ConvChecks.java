package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** Argument checks shared by the convolution and pooling layers. */
final class ConvChecks {

    private ConvChecks() {
    }

    /** Checks a convolution's geometry; returns {@code outChannels}, the bias size. */
    static int geometry(String layer, int outChannels, int kernel, int stride, int padding) {
        if (outChannels <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(layer + ": output channels, kernel and stride must be positive and "
                    + "padding >= 0, got out=" + outChannels + ", kernel=" + kernel + ", stride=" + stride
                    + ", padding=" + padding);
        }
        return outChannels;
    }

    static void requireNchw(String layer, Tensor x) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(layer + " needs an input of shape [N, C, H, W], got "
                    + Module.shapeStr(x.shape()));
        }
    }
}
