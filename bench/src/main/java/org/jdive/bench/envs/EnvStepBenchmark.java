package org.jdive.bench.envs;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random-action env steps per second for the gridworld and classic-control envs as {@link Envs#make} builds
 * them (time limit included): one env through the allocation-free {@link Env#stepInto}, and a
 * {@link VectorEnv} of {@value #NUM_ENVS} copies with Gymnasium's next-step autoreset, stepped by one thread
 * or split over two. Actions are drawn fresh every step from a seeded xoroshiro128++ stream, several actions
 * per 64 random bits when the action count is a power of two.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar EnvStepBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvStepBenchmark {

    static final int NUM_ENVS = 2048;
    private static final int SINGLE_STEPS = 1024;

    /** One env stepped on the benchmark thread. */
    @State(Scope.Thread)
    public static class Single {

        @Param({"CartPole-v1", "FrozenLake-v1"})
        public String id;

        Env env;
        float[] obs;
        int[] actions = new int[SINGLE_STEPS];
        RandomActions random;

        @Setup
        public void setUp() {
            env = Envs.make(id, Map.of());
            obs = new float[env.observationSpace().size()];
            env.reset(1);
            random = new RandomActions(((Discrete) env.actionSpace()).n(), 7);
        }
    }

    /** {@value #NUM_ENVS} envs stepped together. */
    @State(Scope.Thread)
    public static class Vector {

        @Param({"CartPole-v1", "FrozenLake-v1"})
        public String id;

        @Param({"1", "2"})
        public int threads;

        VectorEnv vec;
        int[] actions = new int[NUM_ENVS];
        RandomActions random;

        @Setup
        public void setUp() {
            vec = Envs.makeVector(id, Map.of(), NUM_ENVS, AutoresetMode.NEXT_STEP, threads);
            vec.reset(1);
            random = new RandomActions(((Discrete) vec.singleActionSpace()).n(), 7);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            vec.close();
        }
    }

    /** Uniform random actions, drawn from as few 64-bit words as the action count allows. */
    static final class RandomActions {

        private final UniformRandomProvider rng;
        private final int n;
        private final int bits;

        RandomActions(int n, long seed) {
            this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            this.n = n;
            this.bits = Integer.bitCount(n) == 1 ? Integer.numberOfTrailingZeros(n) : 0;
        }

        void fill(int[] actions) {
            if (bits == 0) {
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = rng.nextInt(n);
                }
                return;
            }
            int perWord = 64 / bits;
            int mask = n - 1;
            for (int i = 0; i < actions.length; i += perWord) {
                long word = rng.nextLong();
                for (int j = i; j < Math.min(i + perWord, actions.length); j++) {
                    actions[j] = (int) word & mask;
                    word >>>= bits;
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SINGLE_STEPS)
    public float singleEnv(Single s) {
        s.random.fill(s.actions);
        Env env = s.env;
        float rewards = 0;
        for (int i = 0; i < SINGLE_STEPS; i++) {
            env.stepInto(s.actions[i], s.obs, 0);
            rewards += env.lastReward();
            if (env.lastTerminated() || env.lastTruncated()) {
                env.resetInto(s.obs, 0);
            }
        }
        return rewards + s.obs[0];
    }

    @Benchmark
    @OperationsPerInvocation(NUM_ENVS)
    public float vectorEnv(Vector v) {
        v.random.fill(v.actions);
        v.vec.step(v.actions);
        return v.vec.rewards()[0] + v.vec.observations()[0];
    }
}
