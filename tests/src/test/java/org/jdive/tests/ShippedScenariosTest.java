package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.cli.Main;
import org.jdive.engine.Suite;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.sweep.Sweep;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario in {@code scenarios/} runs end to end through the command's entry point ({@code jdive run FILE
 * --set ...}) on a small budget: each kind (tabular planning and learning, DQN on classic control and MinAtar, the
 * toy and mixture GANs, DCGAN on a few batches of MNIST) trains, evaluates and writes its run folder. Every suite
 * names valid scenarios, every sweep is valid.
 */
class ShippedScenariosTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path dir;

    static Stream<Path> scenarios() throws IOException {
        return Stream.concat(yamlFiles(SCENARIOS), yamlFiles(SCENARIOS.resolve("d2l")));
    }

    static Stream<Path> suites() throws IOException {
        return yamlFiles(SCENARIOS.resolve("suites"));
    }

    static Stream<Path> sweeps() throws IOException {
        return yamlFiles(SCENARIOS.resolve("sweeps"));
    }

    private static Stream<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(list.isEmpty(), "no scenario files in " + folder.toAbsolutePath());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void runsThroughTheCommandOnASmallBudget(Path file) throws IOException {
        Scenario full = ScenarioLoader.load(file, List.of());
        boolean agent = full.kind().section().equals("agent");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--quiet", "--runs", dir.toString()));
        for (String set : smallBudget(full, agent)) {
            args.addAll(List.of("--set", set));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, () -> err.toString(StandardCharsets.UTF_8));

        Path run;
        try (Stream<Path> folders = Files.list(dir)) {
            run = folders.findFirst().orElseThrow();
        }
        String summary = Files.readString(run.resolve("summary.json"));
        assertTrue(summary.contains("\"finished\":true"), summary);
        if (agent) {
            for (String key : List.of("eval_mean_return", "eval_std_return", "eval_mean_length")) {
                assertTrue(summary.contains("\"" + key + "\":"), key + " in " + summary);
            }
        } else {
            assertTrue(summary.contains("\"eval_"), summary);
        }
        assertTrue(Files.size(run.resolve("metrics.csv")) > 0);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("run folder: " + run), out.toString(StandardCharsets.UTF_8));
    }

    /** Overrides that keep a scenario's run to seconds: a few budget units, short evaluations, small buffers. */
    private static List<String> smallBudget(Scenario full, boolean agent) {
        String budgetKey = full.kind().budget().path();
        long small = Math.min(full.integer(budgetKey), agent ? 20 : 2);
        List<String> sets = new ArrayList<>(List.of(budgetKey + "=" + small, "log.every=5"));
        if (agent) {
            sets.addAll(List.of("eval.episodes=2", "eval.max_episode_steps=200"));
        }
        if (full.kind().name().equals("classifier")) { // chapter 8's networks see 224-pixel images: a few of them
            sets.addAll(List.of("data.images=64", "data.test_images=64", "model.batch_size=32"));
        }
        if (full.kind().name().equals("language-model")) {
            sets.addAll(List.of("data.num_train=1000", "data.num_val=500"));
        }
        if (full.kind().name().equals("seq2seq")) { // the book's 256-wide networks: seconds an epoch on a loaded machine
            sets.addAll(List.of("data.num_train=64", "data.num_val=16", "model.embed_size=32", "model.num_hiddens=32",
                    "model.ffn_num_hiddens=32"));
        }
        if (full.kind().name().equals("dcgan")) {
            sets.addAll(List.of("data.images=64", "model.width=4", "model.batch_size=16", "eval.samples=16"));
        }
        if (full.kind().name().equals("mixture-gan")) {
            sets.add("model.points=1024"); // PacGAN's networks: a few steps an epoch instead of two hundred
        }
        if (full.kind().name().equals("mixture-wgan-gp")) {
            sets.add("model.points=2560"); // ten critic steps an epoch instead of two hundred double-backward steps
        }
        if (full.kind().name().equals("ddpm")) { // a U-Net of width 8 and DDIM in 2 steps for the sample grid and GIF
            sets.addAll(List.of("data.images=96", "data.held_out=32", "model.width=8", "model.batch_size=32",
                    "eval.steps=2"));
        }
        if (full.kind().name().equals("vae")) {
            sets.addAll(List.of("data.images=192", "data.held_out=64", "model.width=4", "model.batch_size=32"));
        }
        if (full.has("agent.buffer_size")) {
            sets.add("agent.buffer_size=1000"); // MinAtar's 100k-transition buffers would cost the test seconds to allocate
        }
        return sets;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void suitesNameValidScenariosAndOverrides(Path file) {
        Suite suite = Suite.load(file);
        assertFalse(suite.scenarios().isEmpty());
        List<String> names = new ArrayList<>();
        for (Suite.Entry entry : suite.scenarios()) {
            // throws, naming the file and key, on a bad one
            names.add(ScenarioLoader.load(entry.file(), entry.sets()).name());
        }
        assertTrue(names.containsAll(suite.published().keySet()), "published figures of scenarios the suite lacks: "
                + suite.published().keySet() + " against " + names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sweeps")
    void sweepsAreValid(Path file) {
        Sweep sweep = Sweep.load(file); // throws, naming the file, line and key, on a bad one
        assertFalse(sweep.space().isEmpty());
    }
}
