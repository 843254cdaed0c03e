package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.loss.Losses;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.api.Test;

class DataParallelTest {

    private static final Backend CPU = Backends.cpu();

    /** A small LeNet-like network, the same weights for every call. */
    private static Module convNet() {
        UniformRandomProvider rng = Rng.seeded(5);
        return new Sequential(new Conv2d(1, 4, 3, 1, 1, true, rng), new Relu(), new MaxPool2d(2, 2, 0), new Flatten(),
                new Linear(4 * 4 * 4, 16, rng), new Relu(), new Linear(16, 3, rng));
    }

    private static Tensor images(int batch, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        float[] v = new float[batch * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextFloat() * 2 - 1;
        }
        return Tensor.of(v, batch, 1, 8, 8);
    }

    private static Tensor classes(int batch, long seed) {
        UniformRandomProvider rng = Rng.seeded(seed);
        float[] v = new float[batch];
        for (int i = 0; i < batch; i++) {
            v[i] = rng.nextInt(3);
        }
        return Tensor.of(v, batch);
    }

    @Test
    void shardsGradientsAddUpToTheWholeBatchsGradient() {
        for (int devices : new int[] {2, 3}) {
            try (Scope scope = Scope.open();
                 Module single = convNet();
                 DataParallel parallel = new DataParallel(Collections.nCopies(devices, CPU), i -> convNet())) {
                Tensor x = images(10, 1); // 10 over 3 devices: shards of 4, 3 and 3
                Tensor y = classes(10, 2);
                single.zeroGrad();
                Tensor loss = Losses.crossEntropy(single.forward(x), y);
                loss.backward();
                parallel.primary().zeroGrad();
                DataParallel.Step step = parallel.backward(x, y, Losses::crossEntropy);
                float parallelLoss = step.loss();
                assertArrayEquals(single.forward(x).toFloatArray(), step.outputs().toFloatArray(), 1e-5f, "outputs");
                assertEquals(loss.item(), parallelLoss, 1e-5, "loss over " + devices + " devices");
                List<Tensor> expected = single.parameters();
                List<Tensor> actual = parallel.primary().parameters();
                for (int p = 0; p < expected.size(); p++) {
                    assertArrayEquals(expected.get(p).grad().toFloatArray(), actual.get(p).grad().toFloatArray(), 1e-5f,
                            "gradient of parameter " + p + " over " + devices + " devices");
                }
            }
        }
    }

    @Test
    void trainingOnTwoDevicesFollowsOneDeviceAndKeepsTheReplicasEqual() {
        IntFunction<Module> build = i -> convNet();
        try (Module single = convNet();
             DataParallel parallel = new DataParallel(List.of(CPU, CPU), build);
             Sgd one = new Sgd(single.parameters(), 0.5f);
             Sgd two = new Sgd(parallel.primary().parameters(), 0.5f)) {
            for (int step = 0; step < 5; step++) {
                try (Scope scope = Scope.open()) {
                    Tensor x = images(16, 10 + step);
                    Tensor y = classes(16, 20 + step);
                    one.zeroGrad();
                    Losses.crossEntropy(single.forward(x), y).backward();
                    one.step();
                    two.zeroGrad();
                    parallel.backward(x, y, Losses::crossEntropy);
                    two.step();
                    parallel.broadcast();
                }
            }
            List<Tensor> expected = single.parameters();
            for (Module replica : parallel.replicas()) {
                List<Tensor> actual = replica.parameters();
                for (int p = 0; p < expected.size(); p++) {
                    assertArrayEquals(expected.get(p).toFloatArray(), actual.get(p).toFloatArray(), 1e-5f, "parameter " + p);
                }
            }
            List<Tensor> primary = parallel.primary().parameters();
            List<Tensor> second = parallel.replicas().get(1).parameters();
            for (int p = 0; p < primary.size(); p++) {
                assertArrayEquals(primary.get(p).toFloatArray(), second.get(p).toFloatArray(), 0f, "broadcast " + p);
            }
        }
    }

    @Test
    void aBatchSmallerThanTheDevicesUsesOneShardPerExample() {
        try (Scope scope = Scope.open();
             Module single = convNet();
             DataParallel parallel = new DataParallel(Collections.nCopies(4, CPU), i -> convNet())) {
            Tensor x = images(2, 3);
            Tensor y = classes(2, 4);
            Tensor loss = Losses.crossEntropy(single.forward(x), y);
            assertEquals(loss.item(), parallel.backward(x, y, Losses::crossEntropy).loss(), 1e-5);
        }
    }
}
