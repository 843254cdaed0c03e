package org.jdive.agents.dqn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * The MLP Q-networks ({@link QNetworks#mlp}) of a population's members as one module: each layer's weight is a
 * stack {@code [members, out, in]} and its bias {@code [members, 1, out]}, so that a forward pass of
 * {@code [members, rows, observationSize]} runs each layer of every member as one grouped product
 * ({@link Tensor#groupedLinear}). The parameters carry the names of a single {@code mlp}'s, in its order, and member
 * {@code i}'s slice computes exactly what its own network would.
 */
final class StackedMlp extends Module {

    private final int members;
    private final List<Layer> hidden = new ArrayList<>();
    private final Module head;

    StackedMlp(int members, int observationSize, int[] widths, int numActions, boolean dueling) {
        this.members = members;
        int in = observationSize;
        for (int l = 0; l < widths.length; l++) {
            hidden.add(registerModule(String.valueOf(2 * l), new Layer(members, in, widths[l])));
            in = widths[l];
        }
        String headName = String.valueOf(2 * widths.length);
        head = registerModule(headName, dueling ? new DuelingLayers(members, in, numActions)
                : new Layer(members, in, numActions));
    }

    /** Q-values {@code [members, rows, numActions]} of observations {@code [members, rows, observationSize]}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer layer : hidden) {
            h = layer.forward(h).relu();
        }
        return head.forward(h);
    }

    /** Sets member {@code member}'s parameters to those of {@code single}, a {@link QNetworks#mlp} of this shape. */
    void setMember(int member, Module single) {
        Map<String, Tensor> from = single.stateDict();
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            for (Map.Entry<String, Tensor> e : stateDict().entrySet()) {
                putSlice(e.getValue(), member, from.get(e.getKey()).toFloatArray());
            }
        }
    }

    /** Copies member {@code member}'s parameters into {@code single}, a {@link QNetworks#mlp} of this shape. */
    void getMember(int member, Module single) {
        Map<String, Tensor> from = stateDict();
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            for (Map.Entry<String, Tensor> e : single.stateDict().entrySet()) {
                Tensor to = e.getValue();
                to.copyFromInPlace(Tensor.of(to.backend(), slice(from.get(e.getKey()), member), to.shape()));
            }
        }
    }

    /** Member {@code member}'s part of a stacked tensor (a parameter or optimizer state shaped like one). */
    static float[] slice(Tensor stacked, int member) {
        int size = stacked.size() / stacked.shape(0);
        float[] all = stacked.toFloatArray();
        float[] part = new float[size];
        System.arraycopy(all, member * size, part, 0, size);
        return part;
    }

    /** Writes {@code part} as member {@code member}'s part of a stacked tensor. */
    static void putSlice(Tensor stacked, int member, float[] part) {
        int size = stacked.size() / stacked.shape(0);
        if (part.length != size) {
            throw new IllegalArgumentException("a member's part of " + java.util.Arrays.toString(stacked.shape())
                    + " has " + size + " numbers, got " + part.length);
        }
        float[] all = stacked.toFloatArray();
        System.arraycopy(part, 0, all, member * size, size);
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            stacked.copyFromInPlace(Tensor.of(stacked.backend(), all, stacked.shape()));
        }
    }

    /** {@link org.jdive.core.nn.Linear} for every member: {@code y[i] = x[i]·W[i]ᵀ + b[i]}. */
    private static final class Layer extends Module {

        private final Tensor weight;
        private final Tensor bias;

        Layer(int members, int in, int out) {
            this.weight = registerParameter("weight", Tensor.zeros(members, out, in));
            this.bias = registerParameter("bias", Tensor.zeros(members, 1, out));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.groupedLinear(weight).add(bias);
        }
    }

    /** {@link DuelingHead} for every member: {@code Q = V + A - mean_a A}. */
    private static final class DuelingLayers extends Module {

        private final Layer value;
        private final Layer advantage;

        DuelingLayers(int members, int features, int numActions) {
            this.value = registerModule("value", new Layer(members, features, 1));
            this.advantage = registerModule("advantage", new Layer(members, features, numActions));
        }

        @Override
        public Tensor forward(Tensor features) {
            Tensor a = advantage.forward(features);
            return value.forward(features).add(a.sub(a.mean(a.rank() - 1, true)));
        }
    }

    @Override
    protected String extraRepr() {
        return "members=" + members;
    }
}
