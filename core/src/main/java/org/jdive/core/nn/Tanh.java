package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** The hyperbolic tangent, as PyTorch's {@code nn.Tanh}. */
public final class Tanh extends Module {

    /** The activation; it has no parameters. */
    public Tanh() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
