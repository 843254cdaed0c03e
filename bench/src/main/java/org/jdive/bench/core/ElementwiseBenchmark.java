package org.jdive.bench.core;

import java.util.concurrent.TimeUnit;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Elementwise add and multiply of two 1M-element tensors, a row-broadcast bias add (1024×1024 + 1024) and ReLU,
 * on the backend named by {@code backend}. Each op reads one element of its result back, so an asynchronous device
 * (OpenCL) is timed to completion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ElementwiseBenchmark {

    @Param({"cpu", "opencl"})
    public String backend;

    private Backend be;
    private Tensor a;
    private Tensor b;
    private Tensor bias;
    private final float[] first = new float[1];

    @Setup
    public void setup() {
        be = Backends.get(backend);
        var rng = Rng.seeded(1);
        a = Tensor.randn(rng, 1024, 1024).to(be);
        b = Tensor.randn(rng, 1024, 1024).to(be);
        bias = Tensor.randn(rng, 1024).to(be);
    }

    @Benchmark
    public float add() {
        return finish(a.add(b));
    }

    @Benchmark
    public float mul() {
        return finish(a.mul(b));
    }

    @Benchmark
    public float addBias() {
        return finish(a.add(bias));
    }

    @Benchmark
    public float relu() {
        return finish(a.relu());
    }

    /** Reads the first element (waiting for the device), then frees the result. */
    private float finish(Tensor result) {
        try (result) {
            be.download(result.buffer(), 0, first, 0, 1);
            return first[0];
        }
    }

    @TearDown
    public void tearDown() {
        a.close();
        b.close();
        bias.close();
    }
}
