package org.jdive.core.nn;

import org.jdive.core.Tensor;

/**
 * Nearest-neighbour upsampling of NCHW inputs by an integer factor, as PyTorch's {@code nn.Upsample(scale_factor=s,
 * mode='nearest')}: every pixel becomes an {@code s × s} block. Composed of a reshape and a broadcast, so its gradient
 * sums each block.
 */
public final class UpsampleNearest2d extends Module {

    private final int scale;

    /** @param scale the factor on height and width, at least 1 */
    public UpsampleNearest2d(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("UpsampleNearest2d needs a scale factor >= 1, got " + scale);
        }
        this.scale = scale;
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvChecks.requireNchw("UpsampleNearest2d", x);
        int[] s = x.shape();
        return x.reshape(s[0], s[1], s[2], 1, s[3], 1)
                .broadcastTo(s[0], s[1], s[2], scale, s[3], scale)
                .reshape(s[0], s[1], s[2] * scale, s[3] * scale);
    }

    @Override
    protected String extraRepr() {
        return "scale=" + scale;
    }
}
