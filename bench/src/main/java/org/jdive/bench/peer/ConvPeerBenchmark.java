package org.jdive.bench.peer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
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

/**
 * Each layer of D2L 20.2's DCGAN (64×64 RGB, kernel 4, no bias) forward and backward (gradients of input and weights
 * from a fixed upstream gradient): the discriminator's convolutions {@code d1}–{@code d5} (3 → 64 → 128 → 256 → 512
 * channels at stride 2, padding 1, then 512 → 1 at stride 1 onto a 1×1 logit) and the generator's transposed
 * convolutions {@code g1}–{@code g5} (100 → 512 from 1×1 to 4×4 at stride 1, then 512 → 256 → 128 → 64 → 3 at
 * stride 2, padding 1, up to 64×64). The layers of earlier runs' single {@code conv2d} and
 * {@code conv_transpose2d} rows are {@code d2} and {@code g4}.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class ConvPeerBenchmark {

    /** A layer's shape: transposed or not, channels in and out, the input's side, stride and padding. */
    private record Layer(boolean transposed, int in, int out, int size, int stride, int padding) {

        static Layer named(String name) {
            return switch (name) {
                case "d1" -> new Layer(false, 3, 64, 64, 2, 1);
                case "d2" -> new Layer(false, 64, 128, 32, 2, 1);
                case "d3" -> new Layer(false, 128, 256, 16, 2, 1);
                case "d4" -> new Layer(false, 256, 512, 8, 2, 1);
                case "d5" -> new Layer(false, 512, 1, 4, 1, 0);
                case "g1" -> new Layer(true, 100, 512, 1, 1, 0);
                case "g2" -> new Layer(true, 512, 256, 4, 2, 1);
                case "g3" -> new Layer(true, 256, 128, 8, 2, 1);
                case "g4" -> new Layer(true, 128, 64, 16, 2, 1);
                case "g5" -> new Layer(true, 64, 3, 32, 2, 1);
                default -> throw new IllegalArgumentException("no DCGAN layer '" + name + "': d1-d5, g1-g5");
            };
        }

        int outSize() {
            return transposed ? (size - 1) * stride - 2 * padding + 4 : (size + 2 * padding - 4) / stride + 1;
        }
    }

    @Param({"d1", "d2", "d3", "d4", "d5", "g1", "g2", "g3", "g4", "g5"})
    public String layer;

    @Param({"64"})
    public int batch;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private Layer shape;
    private Tensor x;
    private Tensor w;
    private Tensor dy;
    private NDManager manager;
    private NDArray peerX;
    private NDArray peerW;
    private NDArray peerDy;
    private DjlTransposedConv2d peerTransposed;
    private ParameterStore store;

    @Setup
    public void setup() {
        shape = Layer.named(layer);
        int[] xs = {batch, shape.in(), shape.size(), shape.size()};
        int[] ws = shape.transposed() ? new int[] {shape.in(), shape.out(), 4, 4} : new int[] {shape.out(), shape.in(), 4, 4};
        int[] ys = {batch, shape.out(), shape.outSize(), shape.outSize()};
        var rng = Rng.seeded(3);
        if (Impl.isPeer(impl)) {
            manager = DjlApi.manager();
            peerX = manager.create(DjlApi.randn(rng, 1f, size(xs)), shape(xs));
            peerW = manager.create(DjlApi.randn(rng, 0.05f, size(ws)), shape(ws));
            peerDy = manager.create(DjlApi.randn(rng, 1f, size(ys)), shape(ys));
            peerX.setRequiresGradient(true);
            if (shape.transposed()) {
                peerTransposed = new DjlTransposedConv2d(shape.in(), shape.out(), shape.stride(), shape.padding());
                peerTransposed.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape(xs));
                store = new ParameterStore(manager, false);
            } else {
                peerW.setRequiresGradient(true);
            }
        } else {
            Backend be = Impl.backend(impl);
            x = JdiveModels.randn(be, rng, 1f, xs).requiresGrad(true);
            w = JdiveModels.randn(be, rng, 0.05f, ws).requiresGrad(true);
            dy = JdiveModels.randn(be, rng, 1f, ys);
        }
    }

    private static long size(int[] s) {
        return shape(s).size();
    }

    private static Shape shape(int[] s) {
        return new Shape(java.util.Arrays.stream(s).asLongStream().toArray());
    }

    @Benchmark
    public float forwardBackward() {
        if (Impl.isPeer(impl)) {
            try (NDScope scope = new NDScope();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = shape.transposed()
                        ? peerTransposed.forward(store, new NDList(peerX), true).singletonOrThrow()
                        : Conv2d.conv2d(peerX, peerW, null, new Shape(shape.stride(), shape.stride()),
                                new Shape(shape.padding(), shape.padding())).singletonOrThrow();
                collector.backward(y.mul(peerDy));
                return peerX.getGradient().getFloat(0, 0, 0, 0);
            }
        }
        x.zeroGrad();
        w.zeroGrad();
        try (Scope scope = Scope.open()) {
            Tensor y = shape.transposed() ? x.convTranspose2d(w, shape.stride(), shape.padding(), 0)
                    : x.conv2d(w, shape.stride(), shape.padding());
            y.backward(dy);
            return JdiveModels.first(x.grad());
        }
    }

    @TearDown
    public void tearDown() {
        if (manager != null) {
            manager.close();
        } else {
            x.close();
            w.close();
            dy.close();
        }
    }
}
