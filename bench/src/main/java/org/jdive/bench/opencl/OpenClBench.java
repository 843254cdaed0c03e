package org.jdive.bench.opencl;

import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.opencl.OpenClBackend;

/** The OpenCL backend the benchmarks run on ({@code opencl}, so {@code JDIVE_OPENCL_DEVICE} picks the device). */
final class OpenClBench {

    private OpenClBench() {
    }

    static OpenClBackend backend() {
        return (OpenClBackend) Backends.get("opencl");
    }

    /** Normal random values drawn on the host from {@code seed} and uploaded: the caller closes it. */
    static Tensor randn(OpenClBackend backend, long seed, float scale, int... shape) {
        try (Tensor host = Tensor.randn(Rng.seeded(seed), shape)) {
            float[] data = host.toFloatArray();
            for (int i = 0; i < data.length; i++) {
                data[i] *= scale;
            }
            return Tensor.of(backend, data, shape).keep();
        }
    }
}
