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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DQN training throughput in environment steps per second (play, store, learn), past {@code learning_starts}:
 * CartPole-v1 with CleanRL's set-up (one gradient step on a batch of 128 every 10 steps, MLP 120-84, Adam)
 * and MinAtar Breakout with the paper's (one gradient step on a batch of 32 every step, conv torso, centred
 * RMSProp). {@code backend} picks the tensor backend the networks live on ({@code -p backend=cpu,opencl,djl}).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DqnTrainingBenchmark {

    @Param({"cpu"})
    public String backend;

    private VectorEnv cartPoleEnv;
    private Dqn cartPole;
    private VectorEnv minAtarEnv;
    private Dqn minAtar;

    @Setup(Level.Trial)
    public void setup() {
        Backends.setDefault(Backends.get(backend));
        cartPoleEnv = Envs.makeVector("CartPole-v1", Map.of(), 1, AutoresetMode.SAME_STEP, 1);
        cartPole = new Dqn(cartPoleEnv, new DqnConfig().learningStarts(1_000), 1);
        cartPole.train(1_000);
        minAtarEnv = Envs.makeVector("MinAtar/Breakout-v1", Map.of(), 1, AutoresetMode.SAME_STEP, 1);
        minAtar = new Dqn(minAtarEnv, DqnConfig.minAtar().learningStarts(1_000).bufferSize(20_000), 1);
        minAtar.train(1_000);
    }

    @Benchmark
    @OperationsPerInvocation(1_000)
    public long cartPoleCleanRl() {
        cartPole.train(1_000);
        return cartPole.steps();
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public long minAtarBreakout() {
        minAtar.train(100);
        return minAtar.steps();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cartPole.close();
        cartPoleEnv.close();
        minAtar.close();
        minAtarEnv.close();
    }
}
