package org.jdive.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
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

/** One DCGAN training step (discriminator then generator) of D2L 20.2 on a batch of 64×64 RGB images. */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class DcganStepPeerBenchmark {

    @Param({"64"})
    public int batch;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private JdiveDcgan model;
    private Tensor real;
    private Tensor z;
    private NDManager manager;
    private DjlDcgan peer;
    private NDArray peerReal;
    private NDArray peerZ;

    @Setup
    public void setup() {
        var rng = Rng.seeded(20);
        float[] images = DjlApi.randn(rng, 0.5f, (long) batch * 3 * 64 * 64);
        float[] noise = DjlApi.randn(rng, 1f, (long) batch * JdiveDcgan.LATENT);
        if (Impl.isPeer(impl)) {
            manager = DjlApi.manager();
            peerReal = manager.create(images, new Shape(batch, 3, 64, 64)).clip(-1f, 1f);
            peerZ = manager.create(noise, new Shape(batch, JdiveDcgan.LATENT, 1, 1));
            peer = new DjlDcgan(manager, batch);
            peer.step(peerReal, peerZ); // Adam makes its moment arrays on the first step; they must outlive a scope
        } else {
            Backend be = Impl.backend(impl);
            real = Tensor.of(be, images, batch, 3, 64, 64).clamp(-1f, 1f);
            z = Tensor.of(be, noise, batch, JdiveDcgan.LATENT, 1, 1);
            model = new JdiveDcgan(be, rng, batch);
        }
    }

    @Benchmark
    public float trainStep() {
        if (Impl.isPeer(impl)) {
            try (NDScope scope = new NDScope()) {
                return peer.step(peerReal, peerZ).getFloat();
            }
        }
        try (Scope scope = Scope.open()) {
            return JdiveModels.first(model.step(real, z));
        }
    }

    @TearDown
    public void tearDown() {
        if (manager != null) {
            peer.close();
            manager.close();
        }
    }
}
