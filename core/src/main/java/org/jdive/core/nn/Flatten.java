package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** Merges every axis from {@code startDim} on into one, as PyTorch's {@code nn.Flatten} (default: keep the batch axis). */
public final class Flatten extends Module {

    private final int startDim;

    /** Flattens every axis after the batch axis, PyTorch's default {@code start_dim=1}. */
    public Flatten() {
        this(1);
    }

    /** Flattens every axis from {@code startDim} on. */
    public Flatten(int startDim) {
        this.startDim = startDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim;
    }
}
