package org.jdive.bench.core;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.cpu.ConvKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A DCGAN discriminator layer as im2col + SGEMM: batch 16, 64 → 128 channels, 16×16 input, kernel 4, stride 2,
 * padding 1 (8×8 output). Each pass is {@code 2·16·128·64·(64·4·4)} = 268 MFLOP, so 1 ms is 268 GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {

    private final ConvSpec spec = new ConvSpec(16, 64, 16, 16, 128, 4, 4, 2, 2, 1, 1);
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;

    @Setup
    public void setup() {
        Random rnd = new Random(1);
        x = SgemmBenchmark.random(rnd, spec.inputSize());
        w = SgemmBenchmark.random(rnd, spec.weightSize());
        dy = SgemmBenchmark.random(rnd, spec.outputSize());
        y = new float[spec.outputSize()];
        dx = new float[spec.inputSize()];
        dw = new float[spec.weightSize()];
    }

    @Benchmark
    public float[] forward() {
        ConvKernels.forward(spec, x, w, y);
        return y;
    }

    @Benchmark
    public float[] backwardData() {
        ConvKernels.backwardData(spec, dy, w, dx);
        return dx;
    }

    @Benchmark
    public float[] backwardWeights() {
        ConvKernels.backwardWeights(spec, x, dy, dw);
        return dw;
    }
}
