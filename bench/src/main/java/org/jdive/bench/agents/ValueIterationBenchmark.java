package org.jdive.bench.agents;

import java.util.concurrent.TimeUnit;
import org.jdive.agents.tabular.GeneratedGridworld;
import org.jdive.agents.tabular.Mdp;
import org.jdive.agents.tabular.TensorValueIteration;
import org.jdive.agents.tabular.ValueIteration;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
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
 * Sweeps per second of value iteration on a generated slippery gridworld (default 256×256: 65,536 states,
 * 4 actions, up to 3 outcomes each): the table version in plain Java against the gather-based tensor form on
 * a backend ({@code -p backend=cpu}, or any other registered backend).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ValueIterationBenchmark {

    @Param("256")
    public int side;

    @Param("cpu")
    public String backend;

    private ValueIteration tables;
    private double[] values;
    private double[][] q;
    private TensorValueIteration tensors;
    private Tensor tensorValues;

    @Setup
    public void setup() {
        Mdp mdp = Mdp.of(new GeneratedGridworld(side, side, 0.1, 0.2, 0));
        tables = new ValueIteration(mdp, 0.99);
        values = new double[mdp.numStates()];
        q = new double[mdp.numStates()][mdp.numActions()];
        tensors = new TensorValueIteration(mdp, 0.99, TensorValueIteration.Form.SPARSE, Backends.get(backend));
        tensorValues = Tensor.zeros(Backends.get(backend), mdp.numStates()).keep();
    }

    @Benchmark
    public double tableSweep() {
        return tables.sweep(values, q);
    }

    /**
     * One sweep and its largest change, read back as {@link TensorValueIteration#run} does each sweep: the read
     * waits for the sweep, so that a backend that queues its kernels (OpenCL) is timed for the work, not the
     * enqueueing.
     */
    @Benchmark
    public float tensorSweep() {
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            Tensor next = tensors.sweep(tensorValues).keep();
            float change = next.sub(tensorValues).abs().max(0, false).item();
            tensorValues.close();
            tensorValues = next;
            return change;
        }
    }

    @TearDown
    public void tearDown() {
        tensors.close();
        tensorValues.close();
    }
}
