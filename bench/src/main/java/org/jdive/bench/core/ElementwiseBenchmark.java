package org.jdive.bench.core;

import java.util.concurrent.TimeUnit;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
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

/** Elementwise add and multiply of two 1M-element tensors, and a row-broadcast bias add (1024×1024 + 1024). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBenchmark {

    private Tensor a;
    private Tensor b;
    private Tensor bias;

    @Setup
    public void setup() {
        var rng = Rng.seeded(1);
        a = Tensor.randn(rng, 1024, 1024);
        b = Tensor.randn(rng, 1024, 1024);
        bias = Tensor.randn(rng, 1024);
    }

    @Benchmark
    public void add() {
        a.add(b).close();
    }

    @Benchmark
    public void mul() {
        a.mul(b).close();
    }

    @Benchmark
    public void addBias() {
        a.add(bias).close();
    }

    @Benchmark
    public void relu() {
        a.relu().close();
    }

    @TearDown
    public void tearDown() {
        a.close();
        b.close();
        bias.close();
    }
}
