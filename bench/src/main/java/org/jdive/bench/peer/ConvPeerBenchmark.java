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
 * One DCGAN-sized layer forward and backward (gradients of input and weights from a fixed upstream gradient):
 * the discriminator's {@code conv2d} 64 → 128 channels, 32×32 → 16×16, and the generator's mirror
 * {@code conv_transpose2d} 128 → 64 channels, 16×16 → 32×32; kernel 4, stride 2, padding 1 (D2L 20.2).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class ConvPeerBenchmark {

    @Param({"conv2d", "convTranspose2d"})
    public String layer;

    @Param({"64"})
    public int batch;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private boolean transposed;
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
        transposed = layer.equals("convTranspose2d");
        int[] xs = transposed ? new int[] {batch, 128, 16, 16} : new int[] {batch, 64, 32, 32};
        int[] ws = transposed ? new int[] {128, 64, 4, 4} : new int[] {128, 64, 4, 4};
        int[] ys = transposed ? new int[] {batch, 64, 32, 32} : new int[] {batch, 128, 16, 16};
        var rng = Rng.seeded(3);
        if (Impl.isPeer(impl)) {
            manager = DjlApi.manager();
            peerX = manager.create(DjlApi.randn(rng, 1f, size(xs)), shape(xs));
            peerW = manager.create(DjlApi.randn(rng, 0.05f, size(ws)), shape(ws));
            peerDy = manager.create(DjlApi.randn(rng, 1f, size(ys)), shape(ys));
            peerX.setRequiresGradient(true);
            if (transposed) {
                peerTransposed = new DjlTransposedConv2d(128, 64, 2, 1);
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
                NDArray y = transposed
                        ? peerTransposed.forward(store, new NDList(peerX), true).singletonOrThrow()
                        : Conv2d.conv2d(peerX, peerW, null, new Shape(2, 2), new Shape(1, 1)).singletonOrThrow();
                collector.backward(y.mul(peerDy));
                return peerX.getGradient().getFloat(0, 0, 0, 0);
            }
        }
        x.zeroGrad();
        w.zeroGrad();
        try (Scope scope = Scope.open()) {
            Tensor y = transposed ? x.convTranspose2d(w, 2, 1, 0) : x.conv2d(w, 2, 1);
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
