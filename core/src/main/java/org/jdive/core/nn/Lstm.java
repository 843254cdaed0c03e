package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * Long short-term memory as PyTorch's {@code nn.LSTM} (D2L 10.1), gates in PyTorch's order input, forget, cell, output:
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)
 * f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)
 * o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g
 * h' = o ⊙ tanh(c')
 * </pre>
 * Shapes, stacking and parameters as {@link Recurrent} says, with four gates; its {@link Recurrent.State} carries the
 * cell state {@code c} besides {@code h}.
 */
public final class Lstm extends Recurrent {

    /** One layer, one direction, its parameters drawn by {@code rng}. */
    public Lstm(int inputSize, int hiddenSize, UniformRandomProvider rng) {
        this(inputSize, hiddenSize, Stacking.single(), rng);
    }

    /** Layers stacked as {@code stacking} says, their parameters drawn by {@code rng}. */
    public Lstm(int inputSize, int hiddenSize, Stacking stacking, UniformRandomProvider rng) {
        super(4, inputSize, hiddenSize, stacking, rng);
    }

    @Override
    State step(Tensor gx, Tensor gh, State previous) {
        int n = hiddenSize();
        Tensor pre = gx.add(gh);
        Tensor inputAndForget = pre.slice(1, 0, 2 * n).sigmoid();
        Tensor g = pre.slice(1, 2 * n, 3 * n).tanh();
        Tensor o = pre.slice(1, 3 * n, 4 * n).sigmoid();
        Tensor c = inputAndForget.slice(1, n, 2 * n).mul(previous.c()).add(inputAndForget.slice(1, 0, n).mul(g));
        return new State(o.mul(c.tanh()), c);
    }

    @Override
    boolean hasCellState() {
        return true;
    }
}
