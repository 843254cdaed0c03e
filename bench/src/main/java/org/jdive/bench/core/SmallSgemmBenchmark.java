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
 * The RL-sized products of a batch-32 MLP 4→64→64→2, forward ({@code NN}: batch × in · in × out, or {@code NT}
 * with weights stored out × in) and backward ({@code TN}: the weight gradient, {@code NT}: the input gradient),
 * where per-call overhead dominates; and those of MinAtar's DQN torso: its 1024→128 layer forward at batch 32
 * and at batch 1 (acting), and its convolution's weight gradient over 16 images. Shapes are
 * {@code m×n×k:transposes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SmallSgemmBenchmark {

    @Param({"32x64x4:NN", "32x64x64:NN", "32x2x64:NN", "32x64x4:NT", "32x64x64:NT", "32x2x64:NT",
        "4x64x32:TN", "64x64x32:TN", "64x2x32:TN", "32x4x64:NT", "32x64x2:NN", "32x128x1024:NT", "1x128x1024:NT",
        "16x36x1024:NT"})
    public String shape;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        String[] parts = shape.split("[x:]");
        m = Integer.parseInt(parts[0]);
        n = Integer.parseInt(parts[1]);
        k = Integer.parseInt(parts[2]);
        transA = parts[3].charAt(0) == 'T';
        transB = parts[3].charAt(1) == 'T';
        Random rnd = new Random(1);
        a = SgemmBenchmark.random(rnd, m * k);
        b = SgemmBenchmark.random(rnd, k * n);
        c = new float[m * n];
    }

    @Benchmark
    public float[] multiply() {
        Sgemm.multiply(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        return c;
    }
}
