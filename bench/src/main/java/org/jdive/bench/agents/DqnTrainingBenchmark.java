package org.jdive.bench.agents;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdive.agents.dqn.Dqn;
import org.jdive.agents.dqn.DqnConfig;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DQN training throughput in environment steps per second (play, store, learn), past {@code learning_starts}:
 * CartPole-v1 with CleanRL's set-up (one gradient step on a batch of 128 every 10 steps, MLP 120-84, Adam)
 * and MinAtar Breakout with the paper's (one gradient step on a batch of 32 every step, conv torso, centred
 * RMSProp). The set-up's 1,000 steps also take ε to its final value (0.05, 0.1), so that the measured steps act
 * greedily as often as the bulk of a run does (a forward pass per greedy step). {@code backend} picks the tensor
 * backend the networks live on ({@code -p backend=cpu,opencl,djl}). Each benchmark sets up only its own agent, so
 * that the JIT has seen nothing of the other workload.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DqnTrainingBenchmark {

    /** The tensor backend and a DQN on one env, past {@code learning_starts}; each benchmark sets up only its own. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public abstract static class Setup {

        @Param({"cpu"})
        public String backend;

        VectorEnv env;
        Dqn dqn;

        abstract String envId();

        abstract DqnConfig config();

        @org.openjdk.jmh.annotations.Setup(Level.Trial)
        public void setup() {
            Backends.setDefault(Backends.get(backend));
            env = Envs.makeVector(envId(), Map.of(), 1, AutoresetMode.SAME_STEP, 1);
            dqn = new Dqn(env, config(), 1);
            dqn.train(1_000);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            dqn.close();
            env.close();
        }
    }

    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class CartPole extends Setup {
        @Override
        String envId() {
            return "CartPole-v1";
        }

        @Override
        DqnConfig config() {
            return new DqnConfig().learningStarts(1_000).exploration(1.0, 0.05, 1_000);
        }
    }

    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class MinAtarBreakout extends Setup {
        @Override
        String envId() {
            return "MinAtar/Breakout-v1";
        }

        @Override
        DqnConfig config() {
            return DqnConfig.minAtar().learningStarts(1_000).exploration(1.0, 0.1, 1_000).bufferSize(20_000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public long cartPoleCleanRl(CartPole state) {
        state.dqn.train(1_000);
        return state.dqn.steps();
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public long minAtarBreakout(MinAtarBreakout state) {
        state.dqn.train(100);
        return state.dqn.steps();
    }
}
