package org.jdive.bench.opencl;

import java.util.concurrent.TimeUnit;
import org.jdive.core.Tensor;
import org.jdive.opencl.OpenClBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A DCGAN/Atari-sized convolution on the OpenCL backend: batch 32, 16 → 32 channels, 32×32, 3×3, padding 1
 * (0.3 GFLOP forward); forward alone, and forward with both backward passes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ConvBenchmark {

    private OpenClBackend backend;
    private Tensor x;
    private Tensor w;

    @Setup
    public void setup() {
        backend = OpenClBench.backend();
        x = OpenClBench.randn(backend, 1, 1f, 32, 16, 32, 32).requiresGrad(true);
        w = OpenClBench.randn(backend, 2, 0.1f, 32, 16, 3, 3).requiresGrad(true);
    }

    @Benchmark
    public void forward() {
        x.conv2d(w, 1, 1).close();
        backend.finish();
    }

    @Benchmark
    public void forwardBackward() {
        try (org.jdive.core.Scope scope = org.jdive.core.Scope.open()) {
            x.conv2d(w, 1, 1).sum().backward(); // gradients accumulate into x.grad() and w.grad(), as in training
            backend.finish();
        }
    }

    @TearDown
    public void tearDown() {
        for (Tensor t : new Tensor[] {x.grad(), w.grad(), x, w}) {
            if (t != null) {
                t.close();
            }
        }
    }
}
