package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jdive.cli.Main;
import org.jdive.engine.FolderLock;
import org.jdive.engine.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one run folder: the second writer is refused at once, naming the first; readers work meanwhile;
 * and a lock left by a process killed with SIGKILL does not block the next writer.
 */
class TwoWritersTest {

    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsRefusedAndADeadOnesLockDoesNotBlock() throws Exception {
        Path scenario = dir.resolve("dqn.yaml");
        Files.writeString(scenario, """
                seed: 2
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  learning_starts: 200
                  batch_size: 32
                  buffer_size: 5000
                  hidden: [64, 64]
                budget:
                  steps: 40000
                log:
                  every: 500
                eval:
                  every: 2000
                  episodes: 2
                checkpoint:
                  every: 1000
                """);
        Process first = JdiveProcess.start(dir, dir.resolve("first.log"), "run", scenario.toString(), "--quiet",
                "--runs", dir.resolve("runs").toString());
        RunFolder run = awaitCheckpoint(dir.resolve("runs"), first);

        Process second = JdiveProcess.start(dir, dir.resolve("second.log"), "run", "--resume", run.path().toString(), "--quiet");
        assertEquals(2, second.waitFor(), Files.readString(dir.resolve("second.log")));
        String refusal = Files.readString(dir.resolve("second.log"));
        assertTrue(refusal.contains(run.path() + " is being written by process " + first.pid()), refusal);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"eval", run.path().toString(), "--checkpoint", "latest", "--episodes", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8)),
                "readers take no lock: " + out);

        first.destroyForcibly(); // SIGKILL: its lock goes with it
        first.waitFor();
        assertTrue(Files.exists(run.path().resolve(FolderLock.FILE)), "the lock file stays behind");
        assertEquals(0, Main.run(new String[] {"run", "--resume", run.path().toString(), "--quiet", },
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8)),
                "a dead writer's lock does not block: " + out);
        List<String> rows = Files.readAllLines(run.path().resolve("metrics.csv"));
        Set<String> steps = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(steps.add(row.substring(0, row.indexOf(','))), "each step logged once: " + row);
        }
        assertEquals(40000 / 500, steps.size());
    }

    private static RunFolder awaitCheckpoint(Path runs, Process writer) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertTrue(writer.isAlive(), "the first run ended too soon");
            if (Files.isDirectory(runs)) {
                try (Stream<Path> folders = Files.list(runs)) {
                    Path run = folders.findFirst().orElse(null);
                    if (run != null && Files.exists(run.resolve(RunFolder.SCENARIO))
                            && RunFolder.open(run).latestCheckpoint().isPresent()) {
                        return RunFolder.open(run);
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint within two minutes");
    }
}
