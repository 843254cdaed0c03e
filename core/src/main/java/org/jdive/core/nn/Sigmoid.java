package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** {@code 1 / (1 + e^-x)}, as PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends Module {

    /** The activation; it has no parameters. */
    public Sigmoid() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
