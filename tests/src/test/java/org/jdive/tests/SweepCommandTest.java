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
import org.jdive.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdive sweep} through the command: a sweep folder with its best configuration, and exit 2 on bad input. */
class SweepCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jdive(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path sweepFile(String searcher) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), """
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 600
                eval:
                  every: 200
                  episodes: 20
                """);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                scenario: base.yaml
                space:
                  agent.alpha: {log_uniform: [0.02, 0.5]}
                searcher: %s
                trials: 4
                min_budget: 200
                """.formatted(searcher));
        return file;
    }

    @Test
    void aSweepWritesItsFolderAndTheBestConfigurationRuns() throws IOException {
        assertEquals(0, jdive("sweep", sweepFile("successive-halving").toString(), "--runs", dir.resolve("runs").toString(),
                "--jobs", "2"), err.toString(StandardCharsets.UTF_8));
        Path folder;
        try (Stream<Path> folders = Files.list(dir.resolve("runs"))) {
            folder = folders.findFirst().orElseThrow();
        }
        for (String name : List.of("sweep.yaml", "journal.jsonl", "results.csv", "results.md", "best.yaml")) {
            assertTrue(Files.exists(folder.resolve(name)), name);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("best configuration: " + folder.resolve("best.yaml")));
        ScenarioLoader.load(folder.resolve("best.yaml"), List.of());
        assertEquals(0, jdive("run", folder.resolve("best.yaml").toString(), "--quiet", "--runs", dir.resolve("best").toString()));

        // rungs of 200 and 600 episodes: 4 trials, then the best one
        assertEquals(0, jdive("sweep", sweepFile("successive-halving").toString(), "--resume", folder.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("continuing: 5 jobs reported, 0 to run again"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInputExitsWith2() throws IOException {
        Path file = sweepFile("asha");
        Files.writeString(file, Files.readString(file).replace("log_uniform", "log_uniformm"));
        assertEquals(2, jdive("sweep", file.toString(), "--runs", dir.resolve("runs").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("s.yaml:3:") && err.toString(StandardCharsets.UTF_8)
                .contains("Did you mean 'log_uniform'?"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, jdive("sweep", dir.resolve("none.yaml").toString()));
        assertEquals(2, jdive("sweep", sweepFile("asha").toString(), "--resume", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a sweep folder"), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("runs")));
    }
}
