package org.jdive.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdive.cli.scenario.Problem;
import org.jdive.cli.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suites: scenarios × seeds × backends into one table. */
class BenchTest {

    @TempDir
    Path dir;

    @Test
    void aSuiteRunsEveryScenarioSeedAndBackendIntoOneTable() throws IOException {
        Path suite = dir.resolve("tiny.yaml");
        Path scenarios = Path.of("..", "scenarios").toAbsolutePath().normalize();
        Files.writeString(suite, """
                scenarios:
                  - %s/cliffwalking-vi.yaml
                  - file: %s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 200, eval.every: 0, eval.episodes: 20}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(scenarios, scenarios));
        var resolved = Bench.resolve(Suite.load(suite));
        assertEquals(4, resolved.size());
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "bench-tiny");
        String table = Bench.run(resolved, folder, new PrintWriter(new StringWriter()));
        List<String> rows = table.lines().toList();
        assertEquals(4, rows.size(), table);
        assertTrue(rows.get(2).startsWith("| cliffwalking-vi | cpu | 2 | mean_return | -13.000 ± 0.000 |"), table);
        assertTrue(rows.get(3).startsWith("| frozenlake-qlearning | cpu | 2 |") && rows.get(3).endsWith("episodes/s |"), table);
        assertEquals(5, Files.readAllLines(folder.path().resolve("results.csv")).size());
        assertEquals(table, Files.readString(folder.path().resolve("results.md")));
    }

    @Test
    void aMalformedSuiteListsEveryProblem() throws IOException {
        Path suite = dir.resolve("bad.yaml");
        Files.writeString(suite, "scenarios: []\nseeds: [1, x]\nbackend: [cpu]\n");
        List<Problem> problems = assertThrows(ScenarioException.class, () -> Suite.load(suite)).problems();
        assertEquals(List.of("backend", "scenarios", "seeds", "backends"), problems.stream().map(Problem::key).toList(),
                problems.toString());
        assertTrue(problems.getFirst().message().contains("Did you mean 'backends'?"), problems.toString());
    }
}
