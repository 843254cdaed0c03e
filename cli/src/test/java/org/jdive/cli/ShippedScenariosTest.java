package org.jdive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.cli.run.RunFolder;
import org.jdive.cli.run.Runner;
import org.jdive.cli.run.Suite;
import org.jdive.cli.scenario.Key;
import org.jdive.cli.scenario.Scenario;
import org.jdive.cli.scenario.ScenarioLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario in scenarios/ is valid and runs end to end on a small budget. */
class ShippedScenariosTest {

    @TempDir
    Path dir;

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(list.isEmpty());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void runsOnASmallBudget(Path file) throws IOException {
        Scenario full = ScenarioLoader.load(file, List.of());
        String budgetKey = full.kind().keys().stream().map(Key::path).filter(p -> p.startsWith("budget.")).findFirst().orElseThrow();
        boolean agent = full.kind().section().equals("agent");
        long small = Math.min(full.integer(budgetKey), agent ? 20 : 2);
        List<String> sets = new java.util.ArrayList<>(List.of(budgetKey + "=" + small, "log.every=5"));
        if (agent) {
            sets.addAll(List.of("eval.episodes=2", "eval.max_episode_steps=200"));
        }
        if (full.kind().name().equals("dcgan")) {
            sets.addAll(List.of("data.images=64", "model.width=4", "model.batch_size=16", "eval.samples=16"));
        }
        if (full.has("agent.buffer_size")) {
            sets.add("agent.buffer_size=1000"); // MinAtar's 100k-transition buffers would cost the test seconds to allocate
        }
        Scenario s = ScenarioLoader.load(file, sets);
        RunFolder folder = RunFolder.create(dir, s.name());
        Runner.writeScenario(s, folder);
        Runner.Result result = new Runner(s, folder).run();
        assertFalse(result.stopped());
        if (agent) {
            assertEquals(List.of("mean_return", "std_return", "mean_length"), List.copyOf(result.evaluation().keySet()));
        } else {
            assertFalse(result.evaluation().isEmpty());
        }
    }

    static Stream<Path> suites() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios", "suites"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(list.isEmpty());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void suitesNameValidScenariosAndOverrides(Path file) {
        Suite suite = Suite.load(file);
        assertFalse(suite.scenarios().isEmpty());
        for (Suite.Entry entry : suite.scenarios()) {
            ScenarioLoader.load(entry.file(), entry.sets()); // throws, naming the file and key, on a bad one
        }
    }
}
