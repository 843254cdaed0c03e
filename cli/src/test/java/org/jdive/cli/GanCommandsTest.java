package org.jdive.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jdive.engine.Bench;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.Suite;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The GAN kinds through the command: runs, metrics, sample grids, resume, {@code jdive sample}, suites. */
class GanCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path onlyRun(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.getFirst();
        }
    }

    @Test
    void aToyGanRunLogsEveryEpochAndEvaluatesTheLearnedGaussian() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/toy-gan.yaml", "--runs", runs.toString(), "--quiet",
                "--set", "checkpoint.every=5"), err());
        Path folder = onlyRun(runs);
        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals("epochs,wall_s,loss_d,loss_g,d_real,d_fake", metrics.getFirst());
        assertEquals(21, metrics.size(), "a row per epoch");
        String summary = Files.readString(folder.resolve("summary.json"));
        double meanError = Double.parseDouble(summary.replaceAll("(?s).*\"eval_mean_error\": ?([-0-9.eE]+).*", "$1"));
        // D2L's settings bring the generated mean near b = (1, 2) (the data's own spread is ~2)
        assertTrue(meanError < 0.5, summary);
        assertFalse(summary.contains("best_checkpoint"), "a GAN's evaluation has no single score to rank models by");
        assertEquals(2, run("sample", folder.toString(), "--checkpoint", "best"));
        assertTrue(err().contains("has no best checkpoint; it has 15, 20"), err());
        assertEquals(0, run("sample", folder.toString(), "--checkpoint", "15", "--n", "4", "--out", dir.resolve("s").toString()),
                err());
    }

    static Stream<List<String>> tinyGans() {
        return Stream.of(
                List.of("../scenarios/toy-gan.yaml", "budget.epochs=4", "seed=3"),
                List.of("../scenarios/ring-gan.yaml", "budget.epochs=4", "model.points=1024", "model.batch_size=256",
                        "model.latent_dim=16", "model.hidden=32"),
                List.of("../scenarios/ring-wgan-gp.yaml", "budget.epochs=4", "model.points=1024", "model.batch_size=128",
                        "model.latent_dim=16", "model.hidden=32"),
                List.of("../scenarios/dcgan-mnist.yaml", "budget.epochs=4", "data.images=64", "data.size=16",
                        "model.width=4", "model.batch_size=16", "eval.samples=16"));
    }

    /** Stopped after epoch 2 (what Ctrl-C does) and resumed, a run ends with the same networks and optimizers. */
    @ParameterizedTest
    @MethodSource("tinyGans")
    void aStoppedAndResumedRunEqualsAnUninterruptedOne(List<String> args) throws IOException {
        Scenario scenario = ScenarioLoader.load(Path.of(args.getFirst()), args.subList(1, args.size()));
        RunFolder whole = RunFolder.create(dir.resolve("whole"), scenario.name());
        try (Runner runner = new Runner(scenario, whole)) {
            runner.run();
        }
        RunFolder parts = RunFolder.create(dir.resolve("parts"), scenario.name());
        try (Runner first = new Runner(scenario, parts)) {
            first.addListener((done, metrics, last) -> {
                if (done == 2) {
                    first.requestStop();
                }
            });
            assertTrue(first.run().stopped());
        }
        try (Runner second = new Runner(scenario, parts)) {
            assertEquals(2, second.resume());
            assertFalse(second.run().stopped());
        }
        TrainerState a = TrainerState.read(whole.latestCheckpoint().orElseThrow());
        TrainerState b = TrainerState.read(parts.latestCheckpoint().orElseThrow());
        assertEquals(a.names(), b.names());
        for (String name : a.names()) {
            if (name.endsWith(".properties")) { // DCGAN's trainer.properties: the same but for the date in its comment
                assertEquals(withoutComments(a.bytes(name)), withoutComments(b.bytes(name)), name);
            } else if (name.startsWith("file:")) {
                assertArrayEquals(a.bytes(name), b.bytes(name), name);
            }
        }
        assertEquals(withoutTimings(whole.path().resolve("metrics.csv")), withoutTimings(parts.path().resolve("metrics.csv")));
    }

    private static List<String> withoutComments(byte[] properties) {
        return new String(properties, StandardCharsets.ISO_8859_1).lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** The metrics table without its timing columns (wall_s and, for DCGAN, images_per_s), which differ run to run. */
    private static List<List<String>> withoutTimings(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.getFirst().split(","));
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",");
            List<String> kept = new java.util.ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!header.get(i).equals("wall_s") && !header.get(i).equals("images_per_s")) {
                    kept.add(cells[i]);
                }
            }
            rows.add(kept);
        }
        assertEquals(5, rows.size(), "a header and a row per epoch");
        return rows;
    }

    @Test
    void aTinyDcganRunsThroughTheCommandAndSamples() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/dcgan-mnist.yaml", "--runs", runs.toString(), "--quiet",
                "--set", "data.images=64", "--set", "data.size=16", "--set", "model.width=4", "--set", "model.batch_size=16",
                "--set", "eval.samples=16", "--set", "budget.epochs=2"), err());
        Path folder = onlyRun(runs);
        List<String> metrics = Files.readAllLines(folder.resolve("metrics.csv"));
        assertEquals("epochs,wall_s,loss_d,loss_g,d_real,d_fake,mmd,sliced_wasserstein,images_per_s", metrics.getFirst());
        assertEquals(3, metrics.size());
        BufferedImage grid = ImageIO.read(folder.resolve("samples/epoch-0002.png").toFile());
        assertEquals(8 * (16 + 2) + 2, grid.getWidth(), "8 × 8 fixed-noise images of 16 pixels, padded by 2");

        Path out = dir.resolve("drawn");
        assertEquals(0, run("sample", folder.toString(), "--n", "5", "--out", out.toString()), err());
        for (int i = 0; i < 5; i++) {
            BufferedImage one = ImageIO.read(out.resolve(String.format("sample-%04d.png", i)).toFile());
            assertNotNull(one);
            assertEquals(16, one.getWidth());
        }
        assertEquals(3 * (16 + 2) + 2, ImageIO.read(out.resolve("grid.png").toFile()).getWidth(), "5 images, 3 per row");
        assertEquals(2, run("sample", folder.toString(), "--n", "0"));
        assertEquals(2, run("sample", folder.toString(), "--label", "3"));
        assertTrue(err().contains("takes no sample option 'label'"), err());
    }

    @Test
    void aConditionalDcganSamplesTheLabelAskedFor() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/cdcgan-mnist.yaml", "--runs", runs.toString(), "--quiet",
                "--set", "data.images=64", "--set", "data.size=16", "--set", "model.width=4", "--set", "model.batch_size=16",
                "--set", "eval.samples=16", "--set", "budget.epochs=1"), err());
        Path folder = onlyRun(runs);
        BufferedImage grid = ImageIO.read(folder.resolve("samples/epoch-0001.png").toFile());
        assertEquals(10 * (16 + 2) + 2, grid.getHeight(), "a row per digit");

        Path all = dir.resolve("all");
        assertEquals(0, run("sample", folder.toString(), "--n", "20", "--out", all.toString()), err());
        assertEquals(10 * (16 + 2) + 2, ImageIO.read(all.resolve("grid.png").toFile()).getHeight(), "two of each digit a row");
        Path sevens = dir.resolve("sevens");
        assertEquals(0, run("sample", folder.toString(), "--n", "4", "--label", "7", "--out", sevens.toString()), err());
        assertEquals(2 * (16 + 2) + 2, ImageIO.read(sevens.resolve("grid.png").toFile()).getWidth());
        assertEquals(2, run("sample", folder.toString(), "--label", "10"));
        assertTrue(err().contains("label must be a class from 0 to 9, got '10'"), err());
        assertEquals(2, run("sample", folder.toString(), "--option", "colour=red"));
        assertTrue(err().contains("takes no sample option 'colour'; it takes label"), err());
    }

    @Test
    void aGanSuiteWritesItsTableAndSkipsBackendsThatCannotRun() throws IOException {
        Path scenarios = Path.of("..", "scenarios").toAbsolutePath().normalize();
        Path suite = dir.resolve("gan-tiny.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %s/toy-gan.yaml
                    set: {budget.epochs: 2}
                  - file: %s/ring-gan.yaml
                    set: {budget.epochs: 1, model.points: 1024, model.batch_size: 256, model.latent_dim: 16, model.hidden: 32}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(scenarios, scenarios));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "bench-gan");
        String table = Bench.run(Bench.resolve(Suite.load(suite)), folder, new PrintWriter(new StringWriter()));
        List<String> rows = table.lines().toList();
        assertEquals(4, rows.size(), table);
        assertTrue(rows.get(2).startsWith("| toy-gan | cpu | 2 | mean_error | "), table);
        assertTrue(rows.get(3).startsWith("| ring-gan | cpu | 2 | modes_captured | "), table);
        assertTrue(Files.exists(folder.path().resolve("results.csv")));

        Suite backends = Suite.load(Path.of("../scenarios/suites/backends.yaml"));
        assertEquals(List.of("cpu", "opencl", "djl"), backends.backends());
    }

    @Test
    void anUnavailableBackendIsARowOfTheTableNotAFailure() throws IOException {
        Path scenarios = Path.of("..", "scenarios").toAbsolutePath().normalize();
        Path suite = dir.resolve("backends-tiny.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %s/toy-gan.yaml
                    set: {budget.epochs: 1}
                seeds: [0]
                backends: [cpu, opencl]
                """.formatted(scenarios));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "bench-backends");
        String table = Bench.run(Bench.resolve(Suite.load(suite)), folder, new PrintWriter(new StringWriter()));
        List<String> rows = table.lines().toList();
        assertEquals(4, rows.size(), table);
        assertTrue(rows.get(2).startsWith("| toy-gan | cpu | 1 | mean_error |"), table);
        assertTrue(rows.get(3).startsWith("| toy-gan | opencl |"), table);
        boolean openclRuns;
        try {
            org.jdive.core.backend.Backends.get("opencl");
            openclRuns = true;
        } catch (IllegalStateException e) {
            openclRuns = false;
        }
        assertEquals(!openclRuns, rows.get(3).contains("skipped: backend 'opencl' is not available"), table);
        assertFalse(Files.readString(folder.path().resolve("results.csv")).isEmpty());
    }
}
