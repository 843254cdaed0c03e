package org.jdive.bench.opencl;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Sgd;
import org.jdive.opencl.OpenClBackend;
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
 * The core's MLP step (4 → 64 → 64 → 2 ReLU, batch 32, MSE, SGD) on the OpenCL backend, reading the loss
 * back each step as a training loop that logs it would: at this size launch overhead is the cost.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class MlpStepBenchmark {

    private Tensor x;
    private Tensor y;
    private List<Tensor> params;
    private Sgd sgd;

    @Setup
    public void setup() {
        OpenClBackend backend = OpenClBench.backend();
        x = OpenClBench.randn(backend, 1, 1f, 32, 4);
        y = OpenClBench.randn(backend, 2, 1f, 32, 2);
        params = List.of(OpenClBench.randn(backend, 3, 0.5f, 4, 64), Tensor.zeros(backend, 64).keep(),
                OpenClBench.randn(backend, 4, 0.125f, 64, 64), Tensor.zeros(backend, 64).keep(),
                OpenClBench.randn(backend, 5, 0.125f, 64, 2), Tensor.zeros(backend, 2).keep());
        params.forEach(p -> p.requiresGrad(true));
        sgd = new Sgd(params, 1e-3f);
    }

    @Benchmark
    public float trainStep() {
        try (org.jdive.core.Scope scope = org.jdive.core.Scope.open()) {
            Tensor loss = x.matmul(params.get(0)).add(params.get(1)).relu().matmul(params.get(2)).add(params.get(3))
                    .relu().matmul(params.get(4)).add(params.get(5)).sub(y).square().mean();
            sgd.zeroGrad();
            loss.backward();
            sgd.step();
            return loss.item();
        }
    }
}
