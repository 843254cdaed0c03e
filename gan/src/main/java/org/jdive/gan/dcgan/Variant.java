package org.jdive.gan.dcgan;

/** Which DCGAN recipe: D2L 20.2's or the PyTorch examples'. */
public enum Variant {
    /**
     * D2L 20.2: batch norm in every discriminator block, every parameter (batch-norm scales and shifts
     * included) drawn from {@code N(0, 0.02²)}.
     */
    D2L,
    /**
     * PyTorch's DCGAN example and tutorial (after Radford et al.): no batch norm on the discriminator's first
     * block; convolution weights from {@code N(0, 0.02²)}, batch-norm scales from {@code N(1, 0.02²)} and
     * shifts 0.
     */
    PYTORCH
}
