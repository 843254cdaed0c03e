package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.Gru;
import org.jdive.core.nn.Lstm;
import org.jdive.core.nn.Recurrent;
import org.jdive.core.nn.Recurrent.Stacking;
import org.jdive.core.nn.Rnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recurrent layers on every backend as on the CPU backend: two bidirectional layers of each cell give the CPU
 * backend's outputs, final states and parameter gradients within float32 tolerance.
 */
class RecurrentBackendsTest {

    /** Outputs, final h (and c), then each parameter's gradient of a fixed weighted sum of the outputs. */
    private static List<float[]> run(Backend backend, String cell) {
        Backend before = Backends.getDefault();
        Backends.setDefault(backend);
        UniformRandomProvider init = Rng.seeded(3);
        Stacking stacking = Stacking.deep(2).bothDirections();
        try (Scope scope = Scope.open();
             Recurrent layer = switch (cell) {
                 case "rnn" -> new Rnn(5, 4, stacking, init);
                 case "gru" -> new Gru(5, 4, stacking, init);
                 default -> new Lstm(5, 4, stacking, init);
             }) {
            UniformRandomProvider rng = Rng.seeded(8);
            Tensor x = Tensor.rand(rng, 6, 3, 5).sub(0.5f);
            Recurrent.Output out = layer.forward(x, null);
            Tensor weights = Tensor.rand(rng, out.output().shape());
            out.output().mul(weights).sum().add(out.state().h().sum()).backward();
            List<float[]> result = new ArrayList<>();
            result.add(out.output().toFloatArray());
            result.add(out.state().h().toFloatArray());
            if (out.state().c() != null) {
                result.add(out.state().c().toFloatArray());
            }
            for (Tensor p : layer.parameters()) {
                result.add(p.grad().toFloatArray());
            }
            return result;
        } finally {
            Backends.setDefault(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opencl", "djl"})
    void outputsStatesAndGradientsMatchTheCpuBackend(String name) {
        Backend backend = Available.backend(name);
        for (String cell : List.of("rnn", "gru", "lstm")) {
            List<float[]> expected = run(Backends.cpu(), cell);
            List<float[]> actual = run(backend, cell);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                float[] e = expected.get(i);
                float[] a = actual.get(i);
                for (int j = 0; j < e.length; j++) {
                    if (!(Math.abs(a[j] - e[j]) <= 1e-4f * Math.max(1f, Math.abs(e[j])))) {
                        fail(name + " " + cell + " result " + i + " element " + j + " is " + a[j] + ", the CPU backend's "
                                + e[j]);
                    }
                }
            }
        }
    }
}
