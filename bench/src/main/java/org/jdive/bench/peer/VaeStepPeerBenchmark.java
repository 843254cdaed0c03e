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
import org.jdive.core.optim.Adam;
import org.jdive.gan.Noise;
import org.jdive.gan.vae.Vae;
import org.jdive.gan.vae.VaeConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, negative ELBO, backward, Adam) of scenarios/vae-mnist.yaml's VAE on a batch of 128
 * MNIST-sized images, on each backend and as the same model written in DJL's API ({@link DjlVae}); the score is
 * images per second.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(VaeStepPeerBenchmark.BATCH)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class VaeStepPeerBenchmark {

    static final int BATCH = 128;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private Vae vae;
    private Adam adam;
    private Tensor images;
    private Tensor eps;
    private NDManager manager;
    private DjlVae peer;
    private NDArray peerImages;
    private NDArray peerEps;

    @Setup
    public void setup() {
        var rng = Rng.seeded(28);
        VaeConfig config = VaeConfig.mnist(16);
        int[] image = config.imageShape();
        if (Impl.isPeer(impl)) {
            manager = DjlApi.manager();
            peerImages = manager.create(DjlApi.randn(rng, 1f, (long) BATCH * image[0] * image[1] * image[2]),
                    new Shape(BATCH, image[0], image[1], image[2])).clip(-1f, 1f);
            peerEps = manager.create(DjlApi.randn(rng, 1f, (long) BATCH * config.latentDim()),
                    new Shape(BATCH, config.latentDim()));
            peer = new DjlVae(config, BATCH, 1e-3f);
            peer.step(peerImages, peerEps); // Adam makes its moment arrays on the first step; they must outlive a scope
            return;
        }
        Backend be = Impl.backend(impl);
        vae = new Vae(config, be, rng);
        adam = new Adam(vae.parameters(), 1e-3f);
        try (Scope scope = Scope.open()) {
            images = Noise.sample(rng, be, BATCH, image).clamp(-1f, 1f).keep();
        }
        eps = Noise.sample(rng, be, BATCH, config.latentDim());
    }

    @Benchmark
    public float trainStep() {
        if (Impl.isPeer(impl)) {
            try (NDScope scope = new NDScope()) {
                return peer.step(peerImages, peerEps).getFloat();
            }
        }
        try (Scope scope = Scope.open()) {
            adam.zeroGrad();
            Tensor loss = vae.loss(images, eps).total();
            loss.backward();
            adam.step();
            return loss.item();
        }
    }

    @TearDown
    public void tearDown() {
        if (manager != null) {
            peer.close();
            manager.close();
            return;
        }
        adam.close();
        vae.close();
        images.close();
        eps.close();
    }
}
