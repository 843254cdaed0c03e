package org.jdive.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Sequential;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.Runs;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.models.classify.Nets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D2L's classifiers as a scenario kind, on Fashion-MNIST (which CI installs from Debian's dataset-fashion-mnist):
 * they learn to the book's accuracy with fixed seeds, resume exactly, and say how to get missing data.
 */
class ClassifierKindTest {

    @TempDir
    Path dir;

    private Scenario scenario(String body, String... sets) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, body);
        return ScenarioLoader.load(file, List.of(sets));
    }

    @Test
    void softmaxRegressionReachesTheBooksAccuracyInTwoEpochs() throws IOException {
        Scenario s = scenario("""
                model:
                  kind: classifier
                  net: softmax
                budget:
                  epochs: 2
                """);
        Runner.Result r = Runs.start(s, dir.resolve("runs"));
        double accuracy = r.evaluation().get("accuracy");
        // the book reaches 0.835 after ten epochs; two get most of the way (0.786 with seed 0)
        assertTrue(accuracy >= 0.77 && accuracy <= 0.85, "validation accuracy " + accuracy);
    }

    @Test
    void aStoppedAndResumedRunEndsExactlyAsAnUninterruptedOne() throws IOException {
        String body = """
                seed: 3
                data:
                  images: 3000
                model:
                  kind: classifier
                  net: mlp
                budget:
                  epochs: 3
                log:
                  every: 1
                checkpoint:
                  every: 1
                """;
        Scenario s = scenario(body);
        Runs.start(s, dir.resolve("whole"));
        RunFolder parts = RunFolder.create(dir.resolve("parts"), s.name());
        Runner.writeScenario(s, parts);
        try (Runner first = new Runner(s, parts)) {
            first.addListener((done, metrics, last) -> first.requestStop());
            assertEquals(1, first.run().done(), "stopped after its first epoch, with a checkpoint");
        }
        assertEquals(3, Runs.run(s, parts).done());
        Path whole;
        try (var folders = Files.list(dir.resolve("whole"))) {
            whole = folders.findFirst().orElseThrow();
        }
        for (String csv : List.of("metrics.csv", "eval.csv")) {
            assertEquals(withoutWallTime(whole.resolve(csv)), withoutWallTime(parts.path().resolve(csv)), csv);
        }
    }

    @Test
    void leNetsMapImagesToTenLogitsThroughTheBooksLayers() {
        try (Sequential net = Nets.build("lenet", 1, 28, 10, Rng.seeded(1));
             Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            assertArrayEquals(new int[] {3, 10}, net.forward(Tensor.zeros(3, 1, 28, 28)).shape());
            assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias",
                    "11.weight", "11.bias"), List.copyOf(net.namedParameters().keySet()));
            assertArrayEquals(new int[] {120, 400}, net.namedParameters().get("7.weight").shape(), "16 × 5 × 5 in");
        }
        try (Sequential net = Nets.build("bn-lenet", 1, 28, 10, Rng.seeded(1));
             Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            assertArrayEquals(new int[] {3, 10}, net.forward(Tensor.zeros(3, 1, 28, 28)).shape());
            assertEquals(4, net.namedBuffers().keySet().stream().filter(k -> k.endsWith("running_mean")).count(),
                    "batch norm after both convolutions and both hidden linear layers");
        }
    }

    @Test
    void missingDataIsAProblemThatSaysHowToGetIt() throws IOException {
        List<Problem> problems = assertThrows(ScenarioException.class, () -> scenario("""
                data:
                  path: %s
                model:
                  kind: classifier
                """.formatted(dir.resolve("nowhere")))).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().message().contains("no fashion-mnist IDX files in " + dir.resolve("nowhere"))
                && problems.getFirst().message().contains("apt-get install dataset-fashion-mnist"), problems.toString());
    }

    private static List<String> withoutWallTime(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.replaceFirst("^([^,]*),[^,]*", "$1")).toList();
    }
}
