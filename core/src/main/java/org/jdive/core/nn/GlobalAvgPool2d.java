package org.jdive.core.nn;

import org.jdive.core.Tensor;

/**
 * Global average pooling over NCHW inputs, as PyTorch's {@code nn.AdaptiveAvgPool2d((1, 1))}: each channel's mean
 * over its height and width, kept as a {@code 1 × 1} map ({@code [N, C, H, W] → [N, C, 1, 1]}). The head of NiN,
 * GoogLeNet, ResNet and DenseNet (D2L 8.3–8.7), where a {@link Flatten} follows.
 */
public final class GlobalAvgPool2d extends Module {

    private static final int[] SPATIAL = {2, 3};

    @Override
    public Tensor forward(Tensor x) {
        ConvChecks.requireNchw("GlobalAvgPool2d", x);
        return x.sum(SPATIAL, true).div(x.shape(2) * x.shape(3));
    }
}
