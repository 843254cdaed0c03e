package org.jdive.core.nn;

import org.jdive.core.Tensor;

/**
 * Softmax along an axis, as PyTorch's {@code nn.Softmax}. For training a classifier, feed the logits to
 * {@link org.jdive.core.loss.Losses#crossEntropy} instead, which is stabler.
 */
public final class Softmax extends Module {

    private final int axis;

    /** Softmax along {@code axis}, e.g. 1 for the classes of a batch {@code [N, C]}. */
    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(axis);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + axis;
    }
}
