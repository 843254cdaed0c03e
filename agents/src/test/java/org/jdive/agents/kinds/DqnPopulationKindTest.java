package org.jdive.agents.kinds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdive.engine.MetricsTable;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent.population} of the {@code dqn} kind: member i's columns are the single run's with seed {@code seed + i}. */
class DqnPopulationKindTest {

    @TempDir
    Path dir;

    private Path scenarioFile(String extra) throws IOException {
        Path file = dir.resolve("dqn.yaml");
        Files.writeString(file, """
                seed: 5
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  num_envs: 2
                  learning_starts: 200
                  train_frequency: 2
                  target_update_interval: 100
                  batch_size: 32
                  hidden: [16]
                  exploration:
                    steps: 400
                %s
                budget:
                  steps: 600
                log:
                  every: 200
                eval:
                  every: 600
                  episodes: 3
                """.formatted(extra));
        return file;
    }

    private MetricsTable[] run(Scenario s, String name) throws IOException {
        RunFolder folder = RunFolder.create(dir.resolve(name), s.name());
        Runner.writeScenario(s, folder);
        try (Runner runner = new Runner(s, folder)) {
            runner.run();
        }
        return new MetricsTable[] {MetricsTable.read(folder.path().resolve("metrics.csv")),
                MetricsTable.read(folder.path().resolve("eval.csv"))};
    }

    private static double[] column(MetricsTable table, String name) {
        int index = table.columns().indexOf(name);
        assertTrue(index >= 0, "no column " + name + " in " + table.columns());
        return table.rows().stream().mapToDouble(r -> r[index]).toArray();
    }

    @Test
    void eachMembersColumnsAreTheSingleRunsOfItsSeed() throws IOException {
        Path file = scenarioFile("  population: 2");
        MetricsTable[] population = run(ScenarioLoader.load(file, List.of()), "population");
        assertTrue(population[0].columns().containsAll(List.of("return", "loss", "return_0", "return_1")),
                population[0].columns().toString());
        double[] means = new double[population[0].rows().size()];
        for (int member = 0; member < 2; member++) {
            MetricsTable[] single = run(ScenarioLoader.load(file, List.of("agent.population=1", "seed=" + (5 + member))),
                    "single-" + member);
            assertArrayEquals(column(single[0], "return"), column(population[0], "return_" + member), "member " + member);
            assertArrayEquals(column(single[1], "mean_return"), column(population[1], "mean_return_" + member));
            for (int row = 0; row < means.length; row++) {
                means[row] += column(single[0], "return")[row] / 2;
            }
        }
        assertArrayEquals(means, column(population[0], "return"), 1e-9, "the members' mean");
    }

    @Test
    void whatAPopulationCannotBatchIsAProblemOfItsKey() throws IOException {
        Path file = scenarioFile("  population: 2\n  max_grad_norm: 10");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("agent.population") && e.getMessage().contains("max_grad_norm"),
                e.getMessage());
        assertEquals(1, ScenarioLoader.load(file, List.of("agent.population=1")).intValue("agent.population"));
    }
}
