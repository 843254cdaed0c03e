package org.jdive.tests;

import static org.jdive.tests.RunLogs.withoutWallTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.cli.Main;
import org.jdive.engine.RunFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged checkpoints beside intact ones, through the command: named with what is wrong, passed over for the
 * newest intact one by {@code run --resume}, {@code eval} and {@code play}, listed by {@code check}, and exit 2
 * where no other will do.
 */
class DamagedCheckpointsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path scenario;

    private int jdive(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void scenario() throws IOException {
        scenario = dir.resolve("dqn.yaml");
        Files.writeString(scenario, """
                seed: 5
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  learning_starts: 200
                  batch_size: 16
                  buffer_size: 2000
                  hidden: [16]
                budget:
                  steps: 1500
                log:
                  every: 250
                eval:
                  every: 500
                  episodes: 2
                checkpoint:
                  every: 500
                  keep: 3
                """);
    }

    /** A run stopped after 1,000 steps, as if killed then: checkpoints at 500 and 1,000. */
    private RunFolder stoppedRun(String name) throws IOException {
        assertEquals(0, jdive("run", scenario.toString(), "--quiet", "--runs", dir.resolve(name).toString(),
                "--set", "budget.steps=1000"));
        Path run;
        try (Stream<Path> folders = Files.list(dir.resolve(name))) {
            run = folders.findFirst().orElseThrow();
        }
        // the same run, its budget as the scenario's: as if it had been stopped at 1,000 of 1,500 steps
        Files.writeString(run.resolve(RunFolder.SCENARIO), Files.readString(run.resolve(RunFolder.SCENARIO))
                .replace("steps: 1000", "steps: 1500"));
        Files.deleteIfExists(run.resolve(RunFolder.SUMMARY));
        return RunFolder.open(run);
    }

    @Test
    void aTruncatedLatestCheckpointIsPassedOverAndTheRunEndsAsAnUninterruptedOne() throws IOException {
        assertEquals(0, jdive("run", scenario.toString(), "--quiet", "--runs", dir.resolve("whole").toString()));
        Path whole;
        try (Stream<Path> folders = Files.list(dir.resolve("whole"))) {
            whole = folders.findFirst().orElseThrow();
        }
        RunFolder run = stoppedRun("parts");
        Path latest = run.checkpoint(1000);
        byte[] bytes = Files.readAllBytes(latest);
        Files.write(latest, Arrays.copyOf(bytes, bytes.length / 2));

        assertEquals(2, jdive("check", run.path().toString()));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("DAMAGED  " + latest + ": truncated: expected " + String.format("%,d", bytes.length)),
                report);
        assertTrue(report.contains("intact   " + run.checkpoint(500)), report);

        assertEquals(0, jdive("eval", run.path().toString(), "--checkpoint", "latest", "--episodes", "1"), err());
        assertTrue(err().contains("warning: " + latest + " is damaged: truncated"), err());
        assertTrue(err().contains("warning: using " + run.checkpoint(500) + " instead"), err());

        assertEquals(2, jdive("eval", run.path().toString(), "--checkpoint", "1000"));
        assertTrue(err().startsWith("jdive eval: " + latest + " is damaged: truncated"), err());
        assertEquals(1, err().lines().count(), "one line, no stack trace: " + err());

        assertEquals(0, jdive("run", "--resume", run.path().toString(), "--quiet"), err());
        assertTrue(err().contains("warning: " + latest + " is damaged") && err().contains("resuming from "
                + run.checkpoint(500).getFileName() + " instead"), err());
        assertTrue(Files.exists(latest.resolveSibling(latest.getFileName() + ".damaged")), "kept aside for a look");
        for (String csv : List.of("metrics.csv", "eval.csv")) {
            assertEquals(withoutWallTime(whole.resolve(csv)), withoutWallTime(run.path().resolve(csv)), csv);
        }
        assertEquals(0, jdive("check", run.path().toString()), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void emptyAndFlippedCheckpointsAreNamedAndAllDamagedMeansStartingOver() throws IOException {
        RunFolder run = stoppedRun("run");
        Files.write(run.checkpoint(1000), new byte[0]);
        byte[] older = Files.readAllBytes(run.checkpoint(500));
        older[older.length / 2] ^= 0x40;
        Files.write(run.checkpoint(500), older);
        Files.delete(run.bestCheckpoint());

        assertEquals(2, jdive("check", run.path().toString()));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains(run.checkpoint(1000) + ": empty (0 bytes)"), report);
        assertTrue(report.matches("(?s).*" + run.checkpoint(500) + ": CRC-32 mismatch: the file records [0-9a-f]{8}, its "
                + "bytes give [0-9a-f]{8}.*"), report);

        assertEquals(2, jdive("eval", run.path().toString()));
        assertTrue(err().contains("and no older checkpoint in " + run.path() + " is intact"), err());
        assertFalse(err().contains("Exception"), err());

        assertEquals(0, jdive("run", "--resume", run.path().toString(), "--quiet"), err());
        assertTrue(err().contains("no checkpoint of " + run.path() + " is intact: the run starts over"), err());
        assertTrue(Files.readString(run.path().resolve(RunFolder.SUMMARY)).contains("\"done\":1500"));
    }
}
