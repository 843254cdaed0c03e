package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** {@code x > 0 ? x : α·x}, as PyTorch's {@code nn.LeakyReLU} (default α = 0.01; DCGAN uses 0.2). */
public final class LeakyRelu extends Module {

    private final float negativeSlope;

    /** PyTorch's default slope, 0.01. */
    public LeakyRelu() {
        this(0.01f);
    }

    /** The slope {@code α} below 0. */
    public LeakyRelu(float negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }
}
