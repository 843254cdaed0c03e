package org.jdive.core.nn;

import org.jdive.core.Tensor;

/**
 * The Gaussian error linear unit {@code x·Φ(x)}, as PyTorch's {@code nn.GELU}: exact by default (Φ through
 * {@link Functional#erf}), or with {@link #tanhApproximation()} as PyTorch's {@code approximate='tanh'}.
 */
public final class Gelu extends Module {

    private final boolean tanh;

    /** The exact GELU, PyTorch's default. */
    public Gelu() {
        this(false);
    }

    private Gelu(boolean tanh) {
        this.tanh = tanh;
    }

    /** {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}. */
    public static Gelu tanhApproximation() {
        return new Gelu(true);
    }

    @Override
    public Tensor forward(Tensor x) {
        return tanh ? Functional.geluTanh(x) : Functional.gelu(x);
    }

    @Override
    protected String extraRepr() {
        return "approximate=" + (tanh ? "tanh" : "none");
    }
}
