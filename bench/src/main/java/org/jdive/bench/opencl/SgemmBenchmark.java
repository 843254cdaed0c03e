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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square SGEMM {@code n×n·n×n} on the OpenCL backend, packing included, waiting for the device each time.
 * GFLOP/s = 2n³ / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SgemmBenchmark {

    @Param({"128", "512", "1024"})
    public int n;

    private OpenClBackend backend;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    @Setup
    public void setup() {
        backend = OpenClBench.backend();
        a = OpenClBench.randn(backend, 1, 1f, n, n);
        b = OpenClBench.randn(backend, 2, 1f, n, n);
        c = Tensor.zeros(backend, n, n).keep();
    }

    @Benchmark
    public void matmul() {
        backend.matmul(1, n, n, n, a.buffer(), 0, false, b.buffer(), 0, false, c.buffer(), 0f);
        backend.finish();
    }

    @TearDown
    public void tearDown() {
        a.close();
        b.close();
        c.close();
    }
}
