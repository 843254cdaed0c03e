package org.jdive.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.List;
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
 * One DQN training step: Q-values of a batch of states, Q(s, a) picked by the taken actions, the mean squared
 * error to given targets, backward, and an Adam update. Two networks: the CartPole-sized MLP
 * 4 → 64 → 64 → 2 ({@code mlp}) and MinAtar's torso, a 16-filter 3×3 convolution over 10×10×4 frames then a
 * 128-unit layer and 3 actions (Breakout's minimal set) ({@code minatar}). Small ops: per-op overhead shows.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class DqnStepPeerBenchmark {

    private static final int CHANNELS = 4;
    private static final int ACTIONS_MINATAR = 3;

    @Param({"mlp", "minatar"})
    public String net;

    @Param({"32", "128"})
    public int batch;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private boolean minatar;
    private int actions;
    private int[] stateShape;

    // jdive
    private Tensor states;
    private Tensor taken;
    private Tensor targets;
    private List<Tensor> params;
    private FusedAdam adam;

    // DJL
    private NDManager manager;
    private Trainer trainer;
    private NDArray peerStates;
    private NDArray peerTaken;
    private NDArray peerTargets;

    @Setup
    public void setup() {
        minatar = net.equals("minatar");
        actions = minatar ? ACTIONS_MINATAR : 2;
        stateShape = minatar ? new int[] {batch, CHANNELS, 10, 10} : new int[] {batch, 4};
        var rng = Rng.seeded(11);
        if (Impl.isPeer(impl)) {
            setupPeer(rng);
        } else {
            Backend be = Impl.backend(impl);
            states = JdiveModels.randn(be, rng, 1f, stateShape);
            taken = JdiveModels.integers(be, rng, actions, batch, 1);
            targets = JdiveModels.randn(be, rng, 1f, batch, 1);
            params = minatar
                    ? List.of(JdiveModels.param(be, rng, CHANNELS * 9, 16, CHANNELS, 3, 3), Tensor.zeros(be, 16).requiresGrad(true),
                            JdiveModels.param(be, rng, 1024, 1024, 128), Tensor.zeros(be, 128).requiresGrad(true),
                            JdiveModels.param(be, rng, 128, 128, actions), Tensor.zeros(be, actions).requiresGrad(true))
                    : List.of(JdiveModels.param(be, rng, 4, 4, 64), Tensor.zeros(be, 64).requiresGrad(true),
                            JdiveModels.param(be, rng, 64, 64, 64), Tensor.zeros(be, 64).requiresGrad(true),
                            JdiveModels.param(be, rng, 64, 64, actions), Tensor.zeros(be, actions).requiresGrad(true));
            adam = new FusedAdam(params, 1e-3f, 0.9f, 0.999f);
        }
    }

    private Tensor qValues(Tensor s) {
        Tensor h = minatar
                ? s.conv2d(params.get(0), params.get(1), 1, 0).relu().flatten(1)
                : s.matmul(params.get(0)).add(params.get(1)).relu();
        h = h.matmul(params.get(2)).add(params.get(3)).relu();
        return h.matmul(params.get(4)).add(params.get(5));
    }

    private void setupPeer(org.apache.commons.rng.UniformRandomProvider rng) {
        manager = DjlApi.manager();
        long[] dims = java.util.Arrays.stream(stateShape).asLongStream().toArray();
        peerStates = manager.create(DjlApi.randn(rng, 1f, new Shape(dims).size()), new Shape(dims));
        long[] picked = new long[batch];
        for (int i = 0; i < batch; i++) {
            picked[i] = rng.nextInt(actions);
        }
        peerTaken = manager.create(picked, new Shape(batch, 1));
        peerTargets = manager.create(DjlApi.randn(rng, 1f, batch), new Shape(batch, 1));
        SequentialBlock block = new SequentialBlock();
        if (minatar) {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16).build())
                    .add(Activation.reluBlock())
                    .add(Blocks.batchFlattenBlock());
        } else {
            block.add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(minatar ? 128 : 64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(actions).build());
        trainer = DjlApi.trainer("dqn-" + net, block, 1e-3f, 0.9f, Loss.l2Loss(), new Shape(dims));
        peerStep(); // Adam makes its moment arrays on the first step; they must outlive the step's scope
    }

    @Benchmark
    public float trainStep() {
        if (Impl.isPeer(impl)) {
            try (NDScope scope = new NDScope()) {
                return peerStep();
            }
        }
        try (Scope scope = Scope.open()) {
            Tensor loss = qValues(states).gather(1, taken).sub(targets).square().mean();
            adam.zeroGrad();
            loss.backward();
            adam.step();
            return JdiveModels.first(loss);
        }
    }

    /** DJL as its users write a DQN update: the trainer's forward, a gradient collector, the trainer's Adam step. */
    private float peerStep() {
        float value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray q = trainer.forward(new NDList(peerStates)).singletonOrThrow();
            NDArray loss = q.gather(peerTaken, 1).sub(peerTargets).square().mean();
            collector.backward(loss);
            value = loss.getFloat();
        }
        trainer.step();
        return value;
    }

    @TearDown
    public void tearDown() {
        if (manager != null) {
            trainer.close();
            trainer.getModel().close();
            manager.close();
        } else {
            states.close();
            taken.close();
            targets.close();
            params.forEach(Tensor::close);
        }
    }
}
