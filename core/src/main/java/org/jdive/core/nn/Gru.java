package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * The gated recurrent unit as PyTorch's {@code nn.GRU} (D2L 10.2), gates in PyTorch's order reset, update, new:
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)
 * z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * Shapes, stacking and parameters as {@link Recurrent} says, with three gates.
 */
public final class Gru extends Recurrent {

    /** One layer, one direction, its parameters drawn by {@code rng}. */
    public Gru(int inputSize, int hiddenSize, UniformRandomProvider rng) {
        this(inputSize, hiddenSize, Stacking.single(), rng);
    }

    /** Layers stacked as {@code stacking} says, their parameters drawn by {@code rng}. */
    public Gru(int inputSize, int hiddenSize, Stacking stacking, UniformRandomProvider rng) {
        super(3, inputSize, hiddenSize, stacking, rng);
    }

    @Override
    State step(Tensor gx, Tensor gh, State previous) {
        int n = hiddenSize();
        Tensor rz = gx.slice(1, 0, 2 * n).add(gh.slice(1, 0, 2 * n)).sigmoid();
        Tensor r = rz.slice(1, 0, n);
        Tensor z = rz.slice(1, n, 2 * n);
        Tensor candidate = gx.slice(1, 2 * n, 3 * n).add(r.mul(gh.slice(1, 2 * n, 3 * n))).tanh();
        // (1 − z) ⊙ n + z ⊙ h, with one product fewer
        return new State(candidate.add(z.mul(previous.h().sub(candidate))), null);
    }

    @Override
    boolean hasCellState() {
        return false;
    }
}
