package org.jdive.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.init.Init;

/**
 * A recurrent layer as PyTorch's {@code nn.RNN}, {@code nn.GRU} and {@code nn.LSTM} (D2L 9.6, 10.1–10.4), unrolled from
 * tensor ops: the input projection {@code x·W_ihᵀ + b_ih} of every time step in one matmul, then a loop over the steps
 * that applies the cell ({@link Rnn}, {@link Gru}, {@link Lstm}) and stacks the hidden states; autograd differentiates
 * through time.
 *
 * <p>Inputs are {@code [time, batch, features]} (PyTorch's default layout). Layers stack as {@link Stacking} says: each
 * layer reads the previous layer's outputs (both directions' concatenated when bidirectional), with dropout between
 * layers in training mode. Parameters have PyTorch's names, shapes and initialisation: per layer {@code k} and direction,
 * {@code weight_ih_l<k>} {@code [gates·hidden, in]}, {@code weight_hh_l<k>} {@code [gates·hidden, hidden]},
 * {@code bias_ih_l<k>} and {@code bias_hh_l<k>} {@code [gates·hidden]} (the reverse direction's end in
 * {@code _reverse}), the gates stacked in PyTorch's order, every element drawn from {@code U(±1/√hidden)}.
 */
public abstract sealed class Recurrent extends Module permits Rnn, Gru, Lstm {

    /**
     * How recurrent layers stack, as the arguments of PyTorch's recurrent modules of the same names.
     *
     * @param layers how many layers (PyTorch's {@code num_layers}), at least 1
     * @param bidirectional whether each layer also runs from the last step to the first, its outputs concatenated
     *                      after the forward direction's
     * @param dropout the probability with which dropout zeroes each output of every layer but the last, in training mode
     * @param masks the stream dropout's masks are drawn from; needed only when {@code dropout > 0}
     */
    public record Stacking(int layers, boolean bidirectional, float dropout, UniformRandomProvider masks) {

        /** Checks the settings. */
        public Stacking {
            if (layers < 1) {
                throw new IllegalArgumentException("a recurrent layer needs at least 1 layer, got " + layers);
            }
            Dropout.checkProbability(dropout);
            if (dropout > 0f && masks == null) {
                throw new IllegalArgumentException("dropout " + dropout + " between recurrent layers needs a random "
                        + "stream for its masks");
            }
        }

        /** One layer, one direction: PyTorch's defaults. */
        public static Stacking single() {
            return new Stacking(1, false, 0f, null);
        }

        /** {@code layers} layers, one direction, no dropout. */
        public static Stacking deep(int layers) {
            return new Stacking(layers, false, 0f, null);
        }

        /** These settings, with both directions. */
        public Stacking bothDirections() {
            return new Stacking(layers, true, dropout, masks);
        }

        /** The number of directions, 1 or 2. */
        public int directions() {
            return bidirectional ? 2 : 1;
        }
    }

    /**
     * The hidden state {@code h} and, for an LSTM, the cell state {@code c} (else null), each
     * {@code [layers·directions, batch, hidden]}, ordered as PyTorch's: layer by layer, forward direction first.
     */
    public record State(Tensor h, Tensor c) {
    }

    /**
     * What a pass gives: {@code output} {@code [time, batch, directions·hidden]}, the last layer's hidden states at every
     * step, and each layer's and direction's final {@link State}.
     */
    public record Output(Tensor output, State state) {
    }

    /** The weights of one layer and direction: {@code x·W_ihᵀ + b_ih} and {@code h·W_hhᵀ + b_hh} feed the cell. */
    record Weights(Tensor ih, Tensor hh, Tensor biasIh, Tensor biasHh) {
    }

    private final int inputSize;
    private final int hiddenSize;
    private final Stacking stacking;
    private final List<Weights> weights = new ArrayList<>();

    Recurrent(int gates, int inputSize, int hiddenSize, Stacking stacking, UniformRandomProvider rng) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs positive input and hidden sizes, got "
                    + inputSize + " and " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.stacking = stacking;
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        Init init = Init.uniform(-bound, bound);
        try (Scope persistent = Scope.none()) {
            for (int layer = 0; layer < stacking.layers(); layer++) {
                int in = layer == 0 ? inputSize : hiddenSize * stacking.directions();
                for (int d = 0; d < stacking.directions(); d++) {
                    String suffix = "_l" + layer + (d == 1 ? "_reverse" : "");
                    Weights w = new Weights(
                            registerParameter("weight_ih" + suffix, Tensor.zeros(Backends.getDefault(), gates * hiddenSize, in)),
                            registerParameter("weight_hh" + suffix, Tensor.zeros(Backends.getDefault(), gates * hiddenSize,
                                    hiddenSize)),
                            registerParameter("bias_ih" + suffix, Tensor.zeros(Backends.getDefault(), gates * hiddenSize)),
                            registerParameter("bias_hh" + suffix, Tensor.zeros(Backends.getDefault(), gates * hiddenSize)));
                    for (Tensor p : List.of(w.ih(), w.hh(), w.biasIh(), w.biasHh())) {
                        init.fill(p, rng);
                    }
                    weights.add(w);
                }
            }
        }
    }

    /** The size of each input step's features. */
    public int inputSize() {
        return inputSize;
    }

    /** The size of each direction's hidden state. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** How the layers stack. */
    public Stacking stacking() {
        return stacking;
    }

    /** The outputs {@code [time, batch, directions·hidden]} for inputs {@code [time, batch, features]}, from zero states. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null).output();
    }

    /**
     * The outputs and the final states for inputs {@code [time, batch, features]}, starting from {@code initial}
     * (null: zeros, as PyTorch's default).
     */
    public Output forward(Tensor x, State initial) {
        return unroll(x, initial, weights);
    }

    /**
     * The cell: from the step's projected input {@code gx = x_t·W_ihᵀ + b_ih} and projected hidden state
     * {@code gh = h·W_hhᵀ + b_hh}, both {@code [batch, gates·hidden]}, and the previous state of this layer and direction,
     * the next state.
     */
    abstract State step(Tensor gx, Tensor gh, State previous);

    /** Whether the cell carries a cell state {@code c} besides {@code h} (the LSTM's). */
    abstract boolean hasCellState();

    /** The pass with the given weights (one per layer and direction, in PyTorch's order): separate for gradient checks. */
    Output unroll(Tensor x, State initial, List<Weights> w) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != inputSize || s[0] == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs an input [time, batch, " + inputSize
                    + "] with at least one step, got " + shapeStr(s));
        }
        int steps = s[0];
        int batch = s[1];
        int directions = stacking.directions();
        int[] stateShape = {stacking.layers() * directions, batch, hiddenSize};
        Tensor h0 = initial == null ? Tensor.zeros(x.backend(), stateShape) : checkState("h", initial.h(), stateShape);
        Tensor c0 = !hasCellState() ? null
                : initial == null ? Tensor.zeros(x.backend(), stateShape) : checkState("c", initial.c(), stateShape);
        List<Tensor> finalH = new ArrayList<>();
        List<Tensor> finalC = new ArrayList<>();
        Tensor layerInput = x;
        for (int layer = 0; layer < stacking.layers(); layer++) {
            Tensor[] outputs = new Tensor[directions];
            for (int d = 0; d < directions; d++) {
                int k = layer * directions + d;
                Weights wk = w.get(k);
                Tensor gx = layerInput.linear(wk.ih()).add(wk.biasIh());
                State state = new State(h0.select(0, k), c0 == null ? null : c0.select(0, k));
                Tensor[] hs = new Tensor[steps];
                for (int i = 0; i < steps; i++) {
                    int t = d == 0 ? i : steps - 1 - i;
                    state = step(gx.select(0, t), state.h().linear(wk.hh()).add(wk.biasHh()), state);
                    hs[t] = state.h();
                }
                outputs[d] = Tensor.stack(0, hs);
                finalH.add(state.h());
                finalC.add(state.c());
            }
            layerInput = directions == 1 ? outputs[0] : Tensor.concat(2, outputs);
            if (layer < stacking.layers() - 1 && isTraining() && stacking.dropout() > 0f) {
                layerInput = Functional.dropout(layerInput, stacking.dropout(), stacking.masks());
            }
        }
        Tensor hN = Tensor.stack(0, finalH.toArray(Tensor[]::new));
        Tensor cN = c0 == null ? null : Tensor.stack(0, finalC.toArray(Tensor[]::new));
        return new Output(layerInput, new State(hN, cN));
    }

    private Tensor checkState(String name, Tensor t, int[] shape) {
        if (t == null || !Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the initial state " + name + " must be "
                    + "[layers·directions, batch, hidden] = " + shapeStr(shape) + ", got "
                    + (t == null ? "none" : shapeStr(t.shape())));
        }
        return t;
    }

    /** The weights of every layer and direction, in PyTorch's order. */
    List<Weights> weights() {
        return List.copyOf(weights);
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (stacking.layers() > 1 ? ", num_layers=" + stacking.layers() : "")
                + (stacking.dropout() > 0f ? ", dropout=" + stacking.dropout() : "")
                + (stacking.bidirectional() ? ", bidirectional=true" : "");
    }
}
