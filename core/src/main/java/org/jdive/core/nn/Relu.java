package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** {@code max(x, 0)}, as PyTorch's {@code nn.ReLU}. */
public final class Relu extends Module {

    /** The activation; it has no parameters. */
    public Relu() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
