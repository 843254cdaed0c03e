package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.init.Init;

/**
 * A lookup table of {@code count} vectors of {@code dim} floats, as PyTorch's {@code nn.Embedding}: an input
 * of indices (whole numbers stored as floats) of any shape gives that shape followed by {@code dim}. The weight
 * {@code [count, dim]} starts as {@code N(0, 1)}, PyTorch's default; rows that are looked up get gradients.
 */
public final class Embedding extends Module {

    private final int count;
    private final int dim;
    private final Tensor weight;

    /**
     * A table of {@code count} vectors of {@code dim} floats, drawn from {@code N(0, 1)} by {@code rng}, on the default
     * backend.
     */
    public Embedding(int count, int dim, UniformRandomProvider rng) {
        if (count <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding needs a positive count and dimension, got " + count + " and " + dim);
        }
        this.count = count;
        this.dim = dim;
        try (Scope persistent = Scope.none()) {
            weight = registerParameter("weight", Tensor.zeros(Backends.getDefault(), count, dim));
        }
        Init.normal(0f, 1f).fill(weight, rng);
    }

    /** The table {@code [count, dim]}, a parameter. */
    public Tensor weight() {
        return weight;
    }

    @Override
    public Tensor forward(Tensor ids) {
        int[] s = ids.shape();
        int[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = dim;
        return weight.gather(0, ids.reshape(ids.size())).reshape(out);
    }

    @Override
    protected String extraRepr() {
        return count + ", " + dim;
    }
}
