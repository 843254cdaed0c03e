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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU backend's convolution passes on three layers ({@code -p layer=dcgan,minatar,seaquest}): a DCGAN discriminator layer
 * (batch 16, 64 → 128 channels, 16×16 input, kernel 4, stride 2, padding 1, 8×8 output; im2col + SGEMM; each pass is
 * {@code 2·16·128·64·(64·4·4)} = 268 MFLOP, so 1 ms is 268 GFLOP/s) and MinAtar's DQN torso on a batch of 32 (4 → 16
 * channels, 10×10 input, kernel 3, stride 1, no padding; forward straight from the image, 2.4 MFLOP a pass), and the
 * same torso on Seaquest's 10 channels (90 input values per output, 5.9 MFLOP a pass).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {

    @Param({"dcgan", "minatar", "seaquest"})
    public String layer;

    private ConvSpec spec;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;

    @Setup
    public void setup() {
        spec = switch (layer) {
            case "dcgan" -> new ConvSpec(16, 64, 16, 16, 128, 4, 4, 2, 2, 1, 1);
            case "minatar" -> new ConvSpec(32, 4, 10, 10, 16, 3, 3, 1, 1, 0, 0);
            case "seaquest" -> new ConvSpec(32, 10, 10, 10, 16, 3, 3, 1, 1, 0, 0);
            default -> throw new IllegalArgumentException("unknown layer " + layer + "; known: dcgan, minatar, seaquest");
        };
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
        ConvKernels.forward(spec, x, w, null, y);
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
