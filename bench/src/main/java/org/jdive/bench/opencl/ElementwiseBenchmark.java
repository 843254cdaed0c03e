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

/** The core's elementwise set (1024×1024 add, multiply, bias add, ReLU) on the OpenCL backend, waiting each time. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ElementwiseBenchmark {

    private OpenClBackend backend;
    private Tensor a;
    private Tensor b;
    private Tensor bias;

    @Setup
    public void setup() {
        backend = OpenClBench.backend();
        a = OpenClBench.randn(backend, 1, 1f, 1024, 1024);
        b = OpenClBench.randn(backend, 2, 1f, 1024, 1024);
        bias = OpenClBench.randn(backend, 3, 1f, 1024);
    }

    @Benchmark
    public void add() {
        a.add(b).close();
        backend.finish();
    }

    @Benchmark
    public void mul() {
        a.mul(b).close();
        backend.finish();
    }

    @Benchmark
    public void addBias() {
        a.add(bias).close();
        backend.finish();
    }

    @Benchmark
    public void relu() {
        a.relu().close();
        backend.finish();
    }

    @TearDown
    public void tearDown() {
        a.close();
        b.close();
        bias.close();
    }
}
