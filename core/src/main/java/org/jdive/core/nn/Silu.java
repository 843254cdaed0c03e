package org.jdive.core.nn;

import org.jdive.core.Tensor;

/** The sigmoid linear unit {@code x·σ(x)} (swish), as PyTorch's {@code nn.SiLU}: the activation of diffusion U-Nets. */
public final class Silu extends Module {

    /** The activation; it has no parameters. */
    public Silu() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.silu(x);
    }
}
