package org.jdive.bench.core;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdive.core.cpu.Sgemm;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square SGEMM {@code C = op(A)·op(B)} of side {@code size} on all cores. GFLOP/s = {@code 2·size³ / time}:
 * 1024³ is 2.147 GFLOP, so 10 ms per operation is 215 GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {

    @Param({"128", "512", "1024"})
    public int size;

    /** Whether A and B are transposed: N (as stored) or T, for A then B. */
    @Param({"NN", "TN", "NT"})
    public String transposes;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        Random rnd = new Random(1);
        a = random(rnd, size * size);
        b = random(rnd, size * size);
        c = new float[size * size];
    }

    @Benchmark
    public float[] multiply() {
        Sgemm.multiply(transposes.charAt(0) == 'T', transposes.charAt(1) == 'T', size, size, size,
                a, 0, size, b, 0, size, 0f, c, 0, size);
        return c;
    }

    static float[] random(Random rnd, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = rnd.nextFloat() * 2 - 1;
        }
        return out;
    }
}
