package org.jdive.core.nn;

import org.jdive.core.Tensor;

/**
 * Branches applied to the same input, their outputs concatenated along the channel axis (axis 1), as
 * {@code torch.cat((b1(x), b2(x), …), dim=1)}: GoogLeNet's Inception block (D2L 8.4) is four branches, and each step
 * of DenseNet's dense block (8.7) is an {@link Identity} beside a convolution block. The branches' outputs must agree
 * on every axis but the channels; the children are named {@code 0, 1, 2, ...}.
 */
public final class Concat extends Module {

    private final Module[] branches;

    /** The given branches, at least one, whose outputs appear in this order along the channels. */
    public Concat(Module... branches) {
        if (branches.length == 0) {
            throw new IllegalArgumentException("Concat needs at least one branch");
        }
        this.branches = branches.clone();
        for (int i = 0; i < branches.length; i++) {
            registerModule(Integer.toString(i), branches[i]);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor[] outs = new Tensor[branches.length];
        for (int i = 0; i < branches.length; i++) {
            outs[i] = branches[i].forward(x);
        }
        return Tensor.concat(1, outs);
    }
}
