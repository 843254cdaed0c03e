package org.jdive.bench.core;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RL-sized case where per-op overhead dominates: one training step (forward, MSE loss, backward, SGD)
 * of a 4 → 64 → 64 → 2 ReLU MLP on a batch of 32, as a DQN on CartPole would take.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlpStepBenchmark {

    private Tensor x;
    private Tensor y;
    private Tensor w1;
    private Tensor b1;
    private Tensor w2;
    private Tensor b2;
    private Tensor w3;
    private Tensor b3;
    private Sgd sgd;

    @Setup
    public void setup() {
        var rng = Rng.seeded(1);
        x = Tensor.randn(rng, 32, 4);
        y = Tensor.randn(rng, 32, 2);
        w1 = Tensor.randn(rng, 4, 64).mul(0.5f).requiresGrad(true);
        b1 = Tensor.zeros(64).requiresGrad(true);
        w2 = Tensor.randn(rng, 64, 64).mul(0.125f).requiresGrad(true);
        b2 = Tensor.zeros(64).requiresGrad(true);
        w3 = Tensor.randn(rng, 64, 2).mul(0.125f).requiresGrad(true);
        b3 = Tensor.zeros(2).requiresGrad(true);
        sgd = new Sgd(List.of(w1, b1, w2, b2, w3, b3), 1e-3f);
    }

    @Benchmark
    public void trainStep() {
        try (org.jdive.core.Scope scope = org.jdive.core.Scope.open()) {
            Tensor loss = x.matmul(w1).add(b1).relu().matmul(w2).add(b2).relu().matmul(w3).add(b3)
                    .sub(y).square().mean();
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
        }
    }

    @Benchmark
    public float forwardOnly() {
        try (org.jdive.core.Scope scope = org.jdive.core.Scope.open()) {
            return x.matmul(w1).add(b1).relu().matmul(w2).add(b2).relu().matmul(w3).add(b3).sum().item();
        }
    }
}
