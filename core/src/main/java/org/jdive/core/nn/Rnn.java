package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * Elman's recurrent layer with tanh, as PyTorch's {@code nn.RNN} (D2L 9.6): {@code h_t = tanh(x_t·W_ihᵀ + b_ih +
 * h_{t−1}·W_hhᵀ + b_hh)}. Shapes, stacking and parameters as {@link Recurrent} says, with one gate.
 */
public final class Rnn extends Recurrent {

    /** One layer, one direction, its parameters drawn by {@code rng}. */
    public Rnn(int inputSize, int hiddenSize, UniformRandomProvider rng) {
        this(inputSize, hiddenSize, Stacking.single(), rng);
    }

    /** Layers stacked as {@code stacking} says, their parameters drawn by {@code rng}. */
    public Rnn(int inputSize, int hiddenSize, Stacking stacking, UniformRandomProvider rng) {
        super(1, inputSize, hiddenSize, stacking, rng);
    }

    @Override
    State step(Tensor gx, Tensor gh, State previous) {
        return new State(gx.add(gh).tanh(), null);
    }

    @Override
    boolean hasCellState() {
        return false;
    }
}
