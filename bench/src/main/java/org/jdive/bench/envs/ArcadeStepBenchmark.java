package org.jdive.bench.envs;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.spaces.Discrete;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random-action steps per second of each arcade game through {@link Env#stepInto} (the allocation-free
 * path vector envs use), resetting on termination. {@code oneThread} steps one env; {@code twoThreads} steps
 * one env per thread on two threads, and JMH reports their summed throughput.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ArcadeStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ArcadeStepBenchmark {

    private static final int STEPS = 1024;

    @Param({"MinAtar/Breakout-v1", "MinAtar/SpaceInvaders-v1", "MinAtar/Freeway-v1", "MinAtar/Asterix-v1",
        "MinAtar/Seaquest-v1", "jdive/Pong-v1"})
    public String id;

    private Env env;
    private float[] obs;
    private int[] actions;

    @Setup
    public void setUp() {
        env = Envs.make(id, Map.of());
        obs = new float[env.observationSpace().size()];
        env.reset(Thread.currentThread().threadId());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int numActions = ((Discrete) env.actionSpace()).n();
        actions = new int[STEPS];
        for (int i = 0; i < STEPS; i++) {
            actions[i] = rng.nextInt(numActions);
        }
    }

    private float play() {
        float rewards = 0;
        for (int i = 0; i < STEPS; i++) {
            env.stepInto(actions[i], obs, 0);
            rewards += env.lastReward();
            if (env.lastTerminated()) {
                env.resetInto(obs, 0);
            }
        }
        return rewards + obs[0];
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    @Threads(1)
    public float oneThread() {
        return play();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    @Threads(2)
    public float twoThreads() {
        return play();
    }
}
