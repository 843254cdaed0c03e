package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.DataParallel;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * D2L 13.5's data parallelism across real, different devices: the CPU backend and another one (DJL's PyTorch, OpenCL),
 * a replica on each, trained for a few steps; the result follows one CPU device trained on the whole minibatches.
 */
class DataParallelDevicesTest {

    private static Module lenetLike() {
        UniformRandomProvider rng = Rng.seeded(9);
        return new Sequential(new Conv2d(1, 6, 5, 1, 2, true, rng), new Relu(), new MaxPool2d(2, 2, 0), new Flatten(),
                new Linear(6 * 6 * 6, 32, rng), new Relu(), new Linear(32, 10, rng));
    }

    private static Tensor random(Backend on, long seed, int classes, int... shape) {
        UniformRandomProvider rng = Rng.seeded(seed);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = classes > 0 ? rng.nextInt(classes) : rng.nextFloat() * 2 - 1;
        }
        return Tensor.of(on, v, shape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl", "opencl"})
    void aReplicaOnAnotherBackendTrainsLikeOneDevice(String other) {
        Backend cpu = Backends.cpu();
        Backend second = Available.backend(other);
        try (Module single = lenetLike();
             DataParallel parallel = new DataParallel(List.of(cpu, second), i -> lenetLike());
             Sgd one = new Sgd(single.parameters(), 0.1f);
             Sgd two = new Sgd(parallel.primary().parameters(), 0.1f)) {
            assertEquals(second, parallel.replicas().get(1).parameters().getFirst().backend());
            for (int step = 0; step < 4; step++) {
                try (Scope scope = Scope.open()) {
                    Tensor x = random(cpu, 100 + step, 0, 12, 1, 12, 12);
                    Tensor y = random(cpu, 200 + step, 10, 12);
                    one.zeroGrad();
                    Tensor loss = Losses.crossEntropy(single.forward(x), y);
                    loss.backward();
                    float expected = loss.item();
                    one.step();
                    two.zeroGrad();
                    float actual = parallel.backward(x, y, Losses::crossEntropy).loss();
                    two.step();
                    parallel.broadcast();
                    assertEquals(expected, actual, 1e-4, "loss at step " + step);
                }
            }
            List<Tensor> expected = single.parameters();
            for (Module replica : parallel.replicas()) {
                for (int p = 0; p < expected.size(); p++) {
                    assertArrayEquals(expected.get(p).toFloatArray(), replica.parameters().get(p).toFloatArray(), 1e-4f,
                            "parameter " + p + " on " + replica.parameters().get(p).backend());
                }
            }
        }
    }
}
