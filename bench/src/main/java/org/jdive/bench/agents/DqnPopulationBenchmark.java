package org.jdive.bench.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdive.agents.dqn.Dqn;
import org.jdive.agents.dqn.DqnConfig;
import org.jdive.agents.dqn.DqnPopulation;
import org.jdive.core.backend.Backends;
import org.jdive.envs.Envs;
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
 * Issue 29's first row: 8 CartPole DQN members trained in lockstep by one {@link DqnPopulation} against 8 single
 * {@link Dqn} runs one after another, in aggregate environment steps per second (all members' steps count). Both sides
 * do the same work step for step (each member equals the single run with its seed); the population pays each tensor
 * op's overhead once for 8. {@code setup} picks the DQN: {@code cleanrl} (MLP 120-84, a batch of 128 every 10 steps)
 * or {@code zoo} ({@code scenarios/cartpole-dqn.yaml}: MLP 256-256, 128 batches of 64 every 256 steps). Both start
 * past {@code learning_starts} with ε at its end value.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DqnPopulationBenchmark {

    private static final int MEMBERS = 8;
    /** Steps per member and invocation: four of the zoo set-up's rounds of updates. */
    private static final int STEPS = 1_024;

    /** The DQN of set-up {@code cleanrl} or {@code zoo}. */
    static DqnConfig config(String setup) {
        return switch (setup) {
            case "cleanrl" -> new DqnConfig().learningStarts(1_000).exploration(1.0, 0.05, 1_000);
            case "zoo" -> new DqnConfig().learningRate(2.3e-3f).batchSize(64).bufferSize(100_000).learningStarts(1_000)
                    .targetUpdateInterval(10).trainFrequency(256).gradientSteps(128).exploration(1.0, 0.04, 1_000)
                    .hidden(256, 256).loss(DqnConfig.Loss.HUBER);
            default -> throw new IllegalArgumentException("setup: cleanrl or zoo, got " + setup);
        };
    }

    static VectorEnv cartPole() {
        return Envs.makeVector("CartPole-v1", Map.of(), 1, AutoresetMode.SAME_STEP, 1);
    }

    /** The envs of the members, seeds 1..8. */
    @State(Scope.Benchmark)
    public abstract static class Members {
        @Param({"cleanrl", "zoo"})
        public String setup;

        @Param({"cpu"})
        public String backend;

        final List<VectorEnv> envs = new ArrayList<>();

        long[] seeds() {
            long[] seeds = new long[MEMBERS];
            for (int i = 0; i < MEMBERS; i++) {
                seeds[i] = i + 1;
                envs.add(cartPole());
            }
            return seeds;
        }

        @TearDown(Level.Trial)
        public void closeEnvs() {
            envs.forEach(VectorEnv::close);
        }
    }

    /** One population of 8. */
    @State(Scope.Benchmark)
    public static class Population extends Members {
        DqnPopulation population;

        @Setup(Level.Trial)
        public void setup() {
            Backends.setDefault(Backends.get(backend));
            long[] seeds = seeds();
            population = new DqnPopulation(envs, config(setup), seeds);
            population.train(1_000);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            population.close();
        }
    }

    /** Eight single runs. */
    @State(Scope.Benchmark)
    public static class Singles extends Members {
        final List<Dqn> runs = new ArrayList<>();

        @Setup(Level.Trial)
        public void setup() {
            Backends.setDefault(Backends.get(backend));
            long[] seeds = seeds();
            for (int i = 0; i < MEMBERS; i++) {
                Dqn dqn = new Dqn(envs.get(i), config(setup), seeds[i]);
                dqn.train(1_000);
                runs.add(dqn);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runs.forEach(Dqn::close);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEMBERS * STEPS)
    public long populationOf8(Population state) {
        state.population.train(STEPS);
        return state.population.steps();
    }

    @Benchmark
    @OperationsPerInvocation(MEMBERS * STEPS)
    public long eightSingleRuns(Singles state) {
        long steps = 0;
        for (Dqn dqn : state.runs) {
            dqn.train(STEPS);
            steps += dqn.steps();
        }
        return steps;
    }
}
