package org.jdive.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Square single-precision matrix products {@code C = A·B} of side 128, 512 and 1024. */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class SgemmPeerBenchmark {

    @Param({"128", "512", "1024"})
    public int n;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private Tensor a;
    private Tensor b;
    private NDManager manager;
    private NDArray peerA;
    private NDArray peerB;

    @Setup
    public void setup() {
        var rng = Rng.seeded(7);
        if (Impl.isPeer(impl)) {
            manager = DjlApi.manager();
            peerA = manager.create(DjlApi.randn(rng, 1f, (long) n * n), new Shape(n, n));
            peerB = manager.create(DjlApi.randn(rng, 1f, (long) n * n), new Shape(n, n));
        } else {
            Backend be = Impl.backend(impl);
            a = JdiveModels.randn(be, rng, 1f, n, n);
            b = JdiveModels.randn(be, rng, 1f, n, n);
        }
    }

    /** The product, read back by one element so that an asynchronous device has finished it. */
    @Benchmark
    public float multiply() {
        if (Impl.isPeer(impl)) {
            try (NDArray c = peerA.matMul(peerB)) {
                return c.getFloat(0, 0);
            }
        }
        try (Scope scope = Scope.open()) {
            return JdiveModels.first(a.matmul(b));
        }
    }

    @TearDown
    public void tearDown() {
        if (manager != null) {
            manager.close();
        } else {
            a.close();
            b.close();
        }
    }
}
