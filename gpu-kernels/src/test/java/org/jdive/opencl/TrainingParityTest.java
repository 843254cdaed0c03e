package org.jdive.opencl;

import static org.jdive.opencl.OpenClTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Whole training steps of a small CNN (conv, ReLU, max-pool, linear, log-softmax, NLL, SGD with momentum)
 * on the OpenCL backend equal the CPU backend's within float32 tolerance, and leave no buffer behind.
 */
class TrainingParityTest {

    private static final int BATCH = 6;
    private static final int CLASSES = 5;

    /** The parameters, drawn on the host from one seed so both backends start equal. */
    private static List<Tensor> parameters(Backend backend) {
        UniformRandomProvider rng = Rng.seeded(11);
        List<Tensor> params = new ArrayList<>();
        params.add(host(backend, rng, 0.4f, 4, 2, 3, 3));          // conv weight
        params.add(host(backend, rng, 0.1f, 1, 4, 1, 1));          // conv bias
        params.add(host(backend, rng, 0.2f, 4 * 4 * 4, CLASSES));  // linear weight
        params.add(host(backend, rng, 0.1f, CLASSES));             // linear bias
        params.forEach(p -> p.keep().requiresGrad(true));
        return params;
    }

    private static Tensor host(Backend backend, UniformRandomProvider rng, float scale, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = scale * (2 * rng.nextFloat() - 1);
        }
        return Tensor.of(backend, data, shape);
    }

    private static Tensor loss(List<Tensor> p, Tensor images, Tensor labels) {
        Tensor features = images.conv2d(p.get(0), 1, 1).add(p.get(1)).relu().maxPool2d(2, 2, 0).flatten(1);
        return features.matmul(p.get(2)).add(p.get(3)).logSoftmax(1).gather(1, labels).mean().neg();
    }

    /** The losses of five steps, then every parameter's final values. */
    private static List<float[]> train(Backend backend, boolean checkMemory) {
        List<Tensor> params = parameters(backend);
        Sgd sgd = new Sgd(params, 0.1f, 0.9f, 1e-4f, false);
        UniformRandomProvider data = Rng.seeded(5);
        float[] losses = new float[5];
        long live = -1;
        long created = -1;
        for (int step = 0; step < losses.length; step++) {
            try (Scope scope = Scope.open()) {
                Tensor images = host(backend, data, 1f, BATCH, 2, 8, 8);
                float[] labels = new float[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    labels[i] = data.nextInt(CLASSES);
                }
                Tensor loss = loss(params, images, Tensor.of(backend, labels, BATCH, 1));
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                losses[step] = loss.item();
            }
            if (step == 1) { // gradients and momentum exist from the first step on
                live = backend.liveBuffers();
                created = backend instanceof OpenClBackend ocl ? ocl.createdDeviceBuffers() : 0;
            }
        }
        if (checkMemory) {
            assertEquals(live, backend.liveBuffers(), "live buffers after each step's scope");
            assertEquals(created, ((OpenClBackend) backend).createdDeviceBuffers(), "device buffers created after step 2");
        }
        List<float[]> results = new ArrayList<>();
        results.add(losses);
        for (Tensor p : params) {
            results.add(p.toFloatArray());
            p.grad().close();
            p.close();
        }
        return results;
    }

    @Test
    void fiveStepsOfASmallCnnMatchTheCpuBackend() {
        OpenClBackend ocl = OpenClTestSupport.backend();
        long liveAtStart = ocl.liveBuffers();
        List<float[]> expected = train(Backends.cpu(), false);
        List<float[]> actual = train(ocl, true);
        assertClose("losses", expected.get(0), actual.get(0), 1e-4f, 1e-5f);
        for (int i = 1; i < expected.size(); i++) {
            assertClose("parameter " + (i - 1), expected.get(i), actual.get(i), 1e-4f, 1e-5f);
        }
        // What is left is the optimizer's momentum, one buffer per parameter (Sgd has no close() yet).
        assertEquals(liveAtStart + 4, ocl.liveBuffers(), "live buffers once the parameters are closed");
    }
}
