package org.jdive.tests;

import static org.jdive.tests.RunLogs.withoutWallTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run killed with SIGKILL in the middle (a real child process, no shutdown hook, no last checkpoint), then
 * {@code jdive run --resume} in another process, ends exactly as an uninterrupted run: the same metrics and
 * evaluations line by line, wall time aside, and the same bytes in the last and best checkpoints. A DQN (replay
 * buffer, target network, ε schedule), a PPO run (checkpoints falling mid-rollout) and a SAC run with gSDE
 * (continuous actions, the exploration matrices of a stretch of collection) each.
 */
class KilledRunResumesTest {

    @TempDir
    Path dir;

    /** A scenario whose {@code budget.steps} and {@code checkpoint.every} are filled in. */
    record Case(String name, String yaml, long steps, long checkpointEvery) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case("dqn", """
                seed: 7
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  num_envs: 2
                  learning_starts: 500
                  train_frequency: 4
                  target_update_interval: 200
                  batch_size: 32
                  buffer_size: 5000
                  hidden: [32, 32]
                  exploration:
                    steps: 4000
                budget:
                  steps: %d
                log:
                  every: 500
                eval:
                  every: 2000
                  episodes: 3
                checkpoint:
                  every: %d
                """, 30_000, 2_000), new Case("ppo", """
                seed: 7
                env:
                  id: Acrobot-v1
                agent:
                  kind: ppo
                  num_steps: 100
                budget:
                  steps: %d
                log:
                  every: 1000
                eval:
                  every: 10000
                  episodes: 2
                checkpoint:
                  every: %d
                """, 150_000, 3_000), new Case("sac", """
                seed: 7
                env:
                  id: Pendulum-v1
                agent:
                  kind: sac
                  learning_starts: 300
                  batch_size: 64
                  hidden: [32, 32]
                  use_sde: true
                  train_freq: 4
                  gradient_steps: 4
                budget:
                  steps: %d
                log:
                  every: 500
                eval:
                  every: 2000
                  episodes: 2
                checkpoint:
                  every: %d
                """, 6_000, 700));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRunKilledWithSigkillResumesToTheUninterruptedRunsResults(Case run) throws Exception {
        Path scenario = dir.resolve(run.name() + ".yaml");
        Files.writeString(scenario, run.yaml().formatted(run.steps(), run.checkpointEvery()));

        assertEquals(0, JdiveProcess.run(dir, dir.resolve("whole.log"), 600, "run", scenario.toString(), "--quiet",
                "--runs", dir.resolve("whole").toString()), () -> log("whole.log"));
        RunFolder whole = onlyRun(dir.resolve("whole"));

        Process killed = JdiveProcess.start(dir, dir.resolve("killed.log"), "run", scenario.toString(), "--quiet",
                "--runs", dir.resolve("parts").toString());
        RunFolder parts = awaitMidRunCheckpoint(killed, dir.resolve("parts"), 2 * run.checkpointEvery());
        killed.destroyForcibly(); // SIGKILL: nothing of the run's own runs after this
        assertEquals(137, killed.waitFor(), "killed by signal 9");
        long checkpointedAt = latestCheckpointSteps(parts);
        assertTrue(checkpointedAt < run.steps(), "killed mid-run, after " + checkpointedAt + " steps were checkpointed");

        assertEquals(0, JdiveProcess.run(dir, dir.resolve("resumed.log"), 600, "run", "--resume", parts.path().toString(),
                "--quiet"), () -> log("resumed.log"));
        assertTrue(log("resumed.log").contains("continuing after"), log("resumed.log"));

        for (String csv : List.of("metrics.csv", "eval.csv")) {
            assertEquals(withoutWallTime(whole.path().resolve(csv)), withoutWallTime(parts.path().resolve(csv)), csv);
        }
        assertSameState(whole.latestCheckpoint().orElseThrow(), parts.latestCheckpoint().orElseThrow());
        assertSameState(whole.bestCheckpoint(), parts.bestCheckpoint());
    }

    /** Waits until the run in {@code runs} has written a checkpoint past its start; returns its folder. */
    private static RunFolder awaitMidRunCheckpoint(Process process, Path runs, long atLeast) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the run ended before it could be killed");
            Path folder = Files.isDirectory(runs) ? onlyChild(runs) : null;
            if (folder != null && Files.exists(folder.resolve("scenario.yaml"))) { // the folder is made first, then filled
                RunFolder run = RunFolder.open(folder);
                if (latestCheckpointSteps(run) >= atLeast) {
                    return run;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint within five minutes");
    }

    private static long latestCheckpointSteps(RunFolder folder) throws IOException {
        Optional<Path> latest = folder.latestCheckpoint();
        return latest.map(p -> Long.parseLong(p.getFileName().toString().replace(".state", ""))).orElse(0L);
    }

    private static RunFolder onlyRun(Path runs) throws IOException {
        return RunFolder.open(onlyChild(runs));
    }

    /** The one entry of {@code dir}, or null while it is empty. */
    private static Path onlyChild(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> list = entries.toList();
            assertTrue(list.size() <= 1, list.toString());
            return list.isEmpty() ? null : list.getFirst();
        }
    }

    /** Every entry of two checkpoints byte for byte, but the wall time they record. */
    private static void assertSameState(Path expected, Path actual) throws IOException {
        assertEquals(expected.getFileName(), actual.getFileName());
        TrainerState a = TrainerState.read(expected);
        TrainerState b = TrainerState.read(actual);
        assertEquals(a.names(), b.names());
        for (String name : a.names()) {
            if (!name.equals(Runner.WALL_NANOS)) {
                assertArrayEquals(a.bytes(name), b.bytes(name), name + " of " + expected.getFileName());
            }
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ": " + e + ")";
        }
    }
}
