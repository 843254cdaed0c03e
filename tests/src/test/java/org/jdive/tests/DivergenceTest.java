package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.cli.Main;
import org.jdive.engine.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run forced to diverge (the 8-mode GAN of D2L's mixture benchmark with a learning rate of 5·10⁴, two steps an
 * epoch, so its parameters overflow in the second epoch) stops there, says what went first, keeps its last good
 * checkpoint and marks its summary; with {@code on_nonfinite: warn} it warns once and goes on; a suite reports it.
 */
class DivergenceTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jdive(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path scenario() throws IOException {
        Path file = dir.resolve("ring.yaml");
        Files.writeString(file, """
                model:
                  kind: mixture-gan
                  mixture: ring
                  points: 1024
                  batch_size: 512
                  lr_d: 5.0e4
                  lr_g: 5.0e4
                budget:
                  epochs: 6
                log:
                  every: 3
                checkpoint:
                  every: 1
                """);
        return file;
    }

    private static Path only(Path runs) throws IOException {
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.findFirst().orElseThrow();
        }
    }

    @Test
    void aDivergingRunStopsAtTheFirstNonFiniteValueAndKeepsItsLastGoodCheckpoint() throws IOException {
        assertEquals(1, jdive("run", scenario().toString(), "--quiet", "--runs", dir.resolve("stop").toString()));
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("diverged: metric loss_d became NaN or infinite by 2 epochs"), said);
        RunFolder run = RunFolder.open(only(dir.resolve("stop")));
        assertTrue(Files.readString(run.path().resolve(RunFolder.SUMMARY))
                .contains("\"diverged\":\"metric loss_d became NaN or infinite by 2 epochs\""));
        assertEquals(List.of(run.checkpoint(1)), run.listCheckpoints(), "the diverged state is not checkpointed");
        List<String> rows = Files.readAllLines(run.path().resolve("metrics.csv"));
        assertTrue(rows.getLast().startsWith("2,"), "the diverged epoch is logged although log.every is 3: " + rows);
        assertEquals(0, jdive("check", run.path().toString()), "what was kept is intact");
    }

    @Test
    void withWarnItWarnsOnceAndGoesOn() throws IOException {
        assertEquals(0, jdive("run", scenario().toString(), "--quiet", "--runs", dir.resolve("warn").toString(),
                "--set", "on_nonfinite=warn"));
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, warnings.lines().filter(l -> l.contains("became NaN or infinite")).count(), warnings);
        assertTrue(warnings.contains("going on (on_nonfinite: warn)"), warnings);
        assertTrue(Files.readString(only(dir.resolve("warn")).resolve(RunFolder.SUMMARY)).contains("\"finished\":true"));
    }

    @Test
    void aSuiteReportsDivergedRunsAsSuch() throws IOException {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "scenarios: [" + scenario() + "]\nseeds: [0, 1]\nbackends: [cpu]\n");
        assertEquals(0, jdive("bench", suite.toString(), "--runs", dir.resolve("bench").toString()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| ring | cpu | 2 | ") && table.contains("diverged (2 of 2 seeds)"), table);
    }

    @Test
    void aSweepScoresADivergedTrialWorstAndSaysSo() throws IOException {
        scenario();
        Path sweep = dir.resolve("sweep.yaml");
        Files.writeString(sweep, """
                scenario: ring.yaml
                space:
                  model.lr_g: {choice: [1.0e-4, 5.0e4]}
                searcher: grid
                metric: modes_captured
                """);
        assertEquals(0, jdive("sweep", sweep.toString(), "--runs", dir.resolve("sweeps").toString()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.matches("(?s).*\\| 0 \\| 1.0e-4 \\| 6 \\| [0-9.]+ \\|.*\\| 1 \\| 5.0e4 \\| 6 \\| diverged \\|.*"), table);
    }
}
