package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * {@code y = x·Wᵀ + b} over the last axis, as PyTorch's {@code nn.Linear}: the weight is {@code [out, in]}, the
 * bias {@code [out]}, and inputs may have any number of leading axes.
 */
public final class Linear extends WeightedLayer {

    private final int outFeatures;

    /**
     * A layer with a bias, its parameters drawn by {@code rng} as PyTorch does: the weight Kaiming uniform with {@code
     * a = √5}, the bias {@code U(-1/√in, 1/√in)}.
     */
    public Linear(int inFeatures, int outFeatures, UniformRandomProvider rng) {
        this(inFeatures, outFeatures, true, rng);
    }

    /** A layer with or without a bias, its parameters drawn by {@code rng} as PyTorch does. */
    public Linear(int inFeatures, int outFeatures, boolean bias, UniformRandomProvider rng) {
        super(inFeatures, in -> new int[] {outFeatures, in}, checkOut(outFeatures), bias, rng);
        this.outFeatures = outFeatures;
    }

    /** A layer whose input size is taken from its first input, as PyTorch's {@code LazyLinear} (D2L's default). */
    public static Linear lazy(int outFeatures, UniformRandomProvider rng) {
        return lazy(outFeatures, true, rng);
    }

    /** A lazy layer with or without a bias (D2L's attention projections have none). */
    public static Linear lazy(int outFeatures, boolean bias, UniformRandomProvider rng) {
        return new Linear(LAZY, outFeatures, bias, rng);
    }

    private static int checkOut(int out) {
        if (out <= 0) {
            throw new IllegalArgumentException("Linear: output features must be positive, got " + out);
        }
        return out;
    }

    /** The size of the output's last axis. */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Linear needs an input of rank >= 1 (features last), got a scalar");
        }
        materializeFor(x, x.shape(-1));
        Tensor y = x.linear(weight);
        return bias == null ? y : y.add(bias);
    }

    @Override
    protected String extraRepr() {
        return "in=" + (inSize() == LAZY ? "lazy" : inSize()) + ", out=" + outFeatures + ", bias=" + hasBias();
    }
}
