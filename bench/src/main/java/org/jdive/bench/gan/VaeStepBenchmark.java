package org.jdive.bench.gan;

import java.util.concurrent.TimeUnit;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
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
 * MNIST-sized images, on each backend; the score is images per second.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(VaeStepBenchmark.BATCH)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class VaeStepBenchmark {

    static final int BATCH = 128;

    @Param({"cpu", "opencl", "djl"})
    public String backend;

    private Vae vae;
    private Adam adam;
    private Tensor images;
    private Tensor eps;

    @Setup
    public void setup() {
        Backend be = Backends.get(backend);
        var rng = Rng.seeded(28);
        VaeConfig config = VaeConfig.mnist(16);
        vae = new Vae(config, be, rng);
        adam = new Adam(vae.parameters(), 1e-3f);
        try (Scope scope = Scope.open()) {
            images = Noise.sample(rng, be, BATCH, config.imageShape()).clamp(-1f, 1f).keep();
        }
        eps = Noise.sample(rng, be, BATCH, config.latentDim());
    }

    @Benchmark
    public float trainStep() {
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
        adam.close();
        vae.close();
        images.close();
        eps.close();
    }
}
