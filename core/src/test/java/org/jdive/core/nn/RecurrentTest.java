package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Recurrent.Stacking;
import org.jdive.core.nn.Recurrent.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Rnn}, {@link Gru} and {@link Lstm} against their equations written out element by element (PyTorch's, in the
 * classes' comments), against finite differences through time, and in their shapes and names.
 */
class RecurrentTest {

    private static Recurrent build(String cell, int in, int hidden, Stacking stacking, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        return switch (cell) {
            case "rnn" -> new Rnn(in, hidden, stacking, rng);
            case "gru" -> new Gru(in, hidden, stacking, rng);
            case "lstm" -> new Lstm(in, hidden, stacking, rng);
            default -> throw new IllegalArgumentException(cell);
        };
    }

    private static int gates(String cell) {
        return switch (cell) {
            case "rnn" -> 1;
            case "gru" -> 3;
            default -> 4;
        };
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /**
     * PyTorch's equations, one element at a time, in double: the outputs {@code [T, B, D·H]}, then the final h and c
     * {@code [L·D, B, H]}.
     */
    private static double[][] definition(String cell, Recurrent layer, float[] x, int steps, int batch, float[] h0,
                                         float[] c0) {
        int hidden = layer.hiddenSize();
        int dirs = layer.stacking().directions();
        int g = gates(cell);
        double[] input = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            input[i] = x[i];
        }
        int in = layer.inputSize();
        double[] hN = new double[h0.length];
        double[] cN = new double[h0.length];
        for (int l = 0; l < layer.stacking().layers(); l++) {
            double[] out = new double[steps * batch * dirs * hidden];
            for (int d = 0; d < dirs; d++) {
                int k = l * dirs + d;
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                float[] wIh = layer.namedParameters().get("weight_ih" + suffix).toFloatArray();
                float[] wHh = layer.namedParameters().get("weight_hh" + suffix).toFloatArray();
                float[] bIh = layer.namedParameters().get("bias_ih" + suffix).toFloatArray();
                float[] bHh = layer.namedParameters().get("bias_hh" + suffix).toFloatArray();
                double[] h = new double[batch * hidden];
                double[] c = new double[batch * hidden];
                for (int i = 0; i < h.length; i++) {
                    h[i] = h0[k * batch * hidden + i];
                    c[i] = c0 == null ? 0 : c0[k * batch * hidden + i];
                }
                for (int i = 0; i < steps; i++) {
                    int t = d == 0 ? i : steps - 1 - i;
                    double[] hNext = new double[h.length];
                    double[] cNext = new double[c.length];
                    for (int b = 0; b < batch; b++) {
                        double[] gx = new double[g * hidden];
                        double[] gh = new double[g * hidden];
                        for (int r = 0; r < g * hidden; r++) {
                            gx[r] = bIh[r];
                            for (int j = 0; j < in; j++) {
                                gx[r] += wIh[r * in + j] * input[(t * batch + b) * in + j];
                            }
                            gh[r] = bHh[r];
                            for (int j = 0; j < hidden; j++) {
                                gh[r] += wHh[r * hidden + j] * h[b * hidden + j];
                            }
                        }
                        for (int u = 0; u < hidden; u++) {
                            int e = b * hidden + u;
                            switch (cell) {
                                case "rnn" -> hNext[e] = Math.tanh(gx[u] + gh[u]);
                                case "gru" -> {
                                    double reset = sigmoid(gx[u] + gh[u]);
                                    double update = sigmoid(gx[hidden + u] + gh[hidden + u]);
                                    double n = Math.tanh(gx[2 * hidden + u] + reset * gh[2 * hidden + u]);
                                    hNext[e] = (1 - update) * n + update * h[e];
                                }
                                default -> {
                                    double ig = sigmoid(gx[u] + gh[u]);
                                    double fg = sigmoid(gx[hidden + u] + gh[hidden + u]);
                                    double gg = Math.tanh(gx[2 * hidden + u] + gh[2 * hidden + u]);
                                    double og = sigmoid(gx[3 * hidden + u] + gh[3 * hidden + u]);
                                    cNext[e] = fg * c[e] + ig * gg;
                                    hNext[e] = og * Math.tanh(cNext[e]);
                                }
                            }
                            out[((t * batch) + b) * dirs * hidden + d * hidden + u] = hNext[e];
                        }
                    }
                    h = hNext;
                    c = cNext;
                }
                System.arraycopy(h, 0, hN, k * batch * hidden, h.length);
                System.arraycopy(c, 0, cN, k * batch * hidden, c.length);
            }
            input = out;
            in = dirs * hidden;
        }
        return new double[][] {input, hN, cN};
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, what + " element " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "gru", "lstm"})
    void twoBidirectionalLayersFollowTheirEquations(String cell) {
        int steps = 4;
        int batch = 3;
        int in = 5;
        int hidden = 3;
        UniformRandomProvider rng = Rng.seeded(7);
        try (Scope scope = Scope.open(); Recurrent layer = build(cell, in, hidden, Stacking.deep(2).bothDirections(), 1)) {
            Tensor x = GradCheck.uniform(rng, -1f, 1f, steps, batch, in);
            Tensor h0 = GradCheck.uniform(rng, -1f, 1f, 4, batch, hidden);
            Tensor c0 = cell.equals("lstm") ? GradCheck.uniform(rng, -1f, 1f, 4, batch, hidden) : null;
            Recurrent.Output out = layer.forward(x, new State(h0, c0));
            double[][] expected = definition(cell, layer, x.toFloatArray(), steps, batch, h0.toFloatArray(),
                    c0 == null ? null : c0.toFloatArray());
            assertArrayEquals(new int[] {steps, batch, 2 * hidden}, out.output().shape());
            assertClose(cell + " output", expected[0], out.output().toFloatArray());
            assertClose(cell + " final h", expected[1], out.state().h().toFloatArray());
            if (c0 != null) {
                assertClose(cell + " final c", expected[2], out.state().c().toFloatArray());
            } else {
                assertNull(out.state().c());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "gru", "lstm"})
    void zeroInitialStateByDefault(String cell) {
        try (Scope scope = Scope.open(); Recurrent layer = build(cell, 2, 3, Stacking.single(), 2)) {
            Tensor x = GradCheck.uniform(Rng.seeded(3), -1f, 1f, 5, 2, 2);
            double[][] expected = definition(cell, layer, x.toFloatArray(), 5, 2, new float[6], new float[6]);
            assertClose(cell + " output", expected[0], layer.forward(x).toFloatArray());
        }
    }

    /** Through time, both directions and two layers: input, initial states and every weight against finite differences. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "gru", "lstm"})
    void gradientsThroughTimeMatchFiniteDifferences(String cell) {
        UniformRandomProvider rng = Rng.seeded(11);
        try (Recurrent layer = build(cell, 3, 2, Stacking.deep(2).bothDirections(), 5)) {
            boolean lstm = cell.equals("lstm");
            List<Tensor> inputs = new ArrayList<>();
            inputs.add(GradCheck.uniform(rng, -1f, 1f, 3, 2, 3));
            inputs.add(GradCheck.uniform(rng, -1f, 1f, 4, 2, 2));
            if (lstm) {
                inputs.add(GradCheck.uniform(rng, -1f, 1f, 4, 2, 2));
            }
            int first = inputs.size();
            for (Recurrent.Weights w : layer.weights()) {
                for (Tensor p : List.of(w.ih(), w.hh(), w.biasIh(), w.biasHh())) {
                    inputs.add(Tensor.of(p.toFloatArray(), p.shape()));
                }
            }
            GradCheck.check(cell + " through time", in -> {
                List<Recurrent.Weights> weights = new ArrayList<>();
                for (int i = first; i < in.length; i += 4) {
                    weights.add(new Recurrent.Weights(in[i], in[i + 1], in[i + 2], in[i + 3]));
                }
                Recurrent.Output out = layer.unroll(in[0], new State(in[1], lstm ? in[2] : null), weights);
                Tensor h = out.state().h();
                Tensor all = Tensor.concat(0, out.output().reshape(out.output().size()), h.reshape(h.size()));
                return lstm ? Tensor.concat(0, all, out.state().c().reshape(h.size())) : all;
            }, inputs.toArray(Tensor[]::new));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rnn", "gru", "lstm"})
    void parametersHavePyTorchsNamesShapesAndBounds(String cell) {
        int g = gates(cell);
        try (Recurrent layer = build(cell, 5, 4, Stacking.deep(2).bothDirections(), 3)) {
            List<String> expected = new ArrayList<>();
            for (String layerSuffix : List.of("_l0", "_l0_reverse", "_l1", "_l1_reverse")) {
                for (String name : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) {
                    expected.add(name + layerSuffix);
                }
            }
            assertEquals(expected, new ArrayList<>(layer.namedParameters().keySet()));
            assertArrayEquals(new int[] {g * 4, 5}, layer.namedParameters().get("weight_ih_l0").shape());
            assertArrayEquals(new int[] {g * 4, 8}, layer.namedParameters().get("weight_ih_l1_reverse").shape());
            assertArrayEquals(new int[] {g * 4, 4}, layer.namedParameters().get("weight_hh_l1").shape());
            assertArrayEquals(new int[] {g * 4}, layer.namedParameters().get("bias_hh_l0_reverse").shape());
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (Tensor p : layer.parameters()) {
                for (float v : p.toFloatArray()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            // U(±1/√hidden) = U(±0.5): the extremes of hundreds of draws come close to both ends
            assertTrue(min >= -0.5f && min < -0.49f && max <= 0.5f && max > 0.49f, "range [" + min + ", " + max + "]");
        }
    }

    @Test
    void deepBidirectionalShapesAndStates() {
        try (Scope scope = Scope.open(); Lstm lstm = new Lstm(6, 4, new Stacking(3, true, 0f, null), Rng.seeded(1))) {
            Recurrent.Output out = lstm.forward(Tensor.zeros(7, 2, 6), null);
            assertArrayEquals(new int[] {7, 2, 8}, out.output().shape());
            assertArrayEquals(new int[] {6, 2, 4}, out.state().h().shape());
            assertArrayEquals(new int[] {6, 2, 4}, out.state().c().shape());
            // the last layer's forward direction ends at the last step, its reverse direction at the first
            float[] y = out.output().toFloatArray();
            float[] h = out.state().h().toFloatArray();
            assertArrayEquals(Arrays.copyOfRange(h, 4 * 8, 4 * 8 + 4), Arrays.copyOfRange(y, 6 * 16, 6 * 16 + 4));
            assertArrayEquals(Arrays.copyOfRange(h, 5 * 8, 5 * 8 + 4), Arrays.copyOfRange(y, 4, 8));
        }
    }

    @Test
    void dropoutActsBetweenLayersInTrainingOnly() {
        Tensor x = GradCheck.uniform(Rng.seeded(2), -1f, 1f, 3, 2, 4);
        try (Scope scope = Scope.open();
             Gru plain = new Gru(4, 5, Stacking.deep(2), Rng.seeded(9));
             Gru dropping = new Gru(4, 5, new Stacking(2, false, 0.5f, Rng.seeded(4)), Rng.seeded(9));
             Gru single = new Gru(4, 5, new Stacking(1, false, 0.5f, Rng.seeded(4)), Rng.seeded(9));
             Gru singlePlain = new Gru(4, 5, Rng.seeded(9))) {
            float[] expected = plain.forward(x).toFloatArray();
            assertFalse(Arrays.equals(expected, dropping.forward(x).toFloatArray()));
            dropping.eval();
            assertArrayEquals(expected, dropping.forward(x).toFloatArray());
            assertArrayEquals(singlePlain.forward(x).toFloatArray(), single.forward(x).toFloatArray());
        }
    }

    @Test
    void badShapesAreNamed() {
        try (Scope scope = Scope.open(); Rnn rnn = new Rnn(3, 2, Rng.seeded(1))) {
            var e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(Tensor.zeros(4, 3)));
            assertTrue(e.getMessage().contains("[time, batch, 3]"), e.getMessage());
            var s = assertThrows(IllegalArgumentException.class,
                    () -> rnn.forward(Tensor.zeros(4, 2, 3), new State(Tensor.zeros(2, 2, 2), null)));
            assertTrue(s.getMessage().contains("[1, 2, 2]"), s.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Stacking(2, false, 0.2f, null));
    }
}
