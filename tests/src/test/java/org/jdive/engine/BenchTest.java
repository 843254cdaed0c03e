package org.jdive.engine;

import static org.jdive.tests.RunLogs.withoutWallTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.jdive.engine.chart.BarChart;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
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
        assertTrue(rows.get(2).startsWith("| cliffwalking-vi | cpu | 2 | mean_return | -13.000 ± 0.000 | – |"),
                "a planner logs no training return: " + table);
        assertTrue(rows.get(3).startsWith("| frozenlake-qlearning | cpu | 2 |") && rows.get(3).endsWith("episodes/s |"), table);
        assertFalse(rows.get(3).contains("–"), "Q-learning logs its training return: " + table);
        assertEquals(5, Files.readAllLines(folder.path().resolve("results.csv")).size());
        assertEquals(table, Files.readString(folder.path().resolve("results.md")));
    }

    @Test
    void runningIntoABenchFolderAgainKeepsTheRunsThatEndedAndContinuesTheOneThatStopped() throws IOException {
        Path suite = dir.resolve("resume.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 400, eval.every: 100, eval.episodes: 50, checkpoint.every: 100}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(Path.of("..", "scenarios").toAbsolutePath().normalize()));
        List<Scenario> resolved = Bench.resolve(Suite.load(suite));
        RunFolder whole = RunFolder.create(dir.resolve("runs"), "bench-whole");
        Bench.run(resolved, whole, new PrintWriter(new StringWriter()));

        // Seed 0 ended; seed 1 was stopped at 200 episodes (what Ctrl-C or a lost machine leaves).
        RunFolder parts = RunFolder.create(dir.resolve("runs"), "bench-parts");
        Bench.run(resolved.subList(0, 1), parts, new PrintWriter(new StringWriter()));
        RunFolder stopped = RunFolder.create(parts.path(), "frozenlake-qlearning-cpu-seed1");
        Runner.writeScenario(resolved.get(1), stopped);
        Runner first = RunnerTest.stoppingAt(new Runner(resolved.get(1), stopped), 200);
        first.run();
        Path endedRun = runFolders(parts).getFirst();
        String endedMetrics = Files.readString(endedRun.resolve("metrics.csv"));

        StringWriter log = new StringWriter();
        Bench.Report report = Bench.run(resolved, parts, new PrintWriter(log), new AtomicBoolean(), 1);
        assertFalse(report.stopped());
        assertEquals(2, runFolders(parts).size(), "no run started anew: " + runFolders(parts));
        assertEquals(endedMetrics, Files.readString(endedRun.resolve("metrics.csv")), "the run that had ended is kept");
        assertTrue(log.toString().contains("seed 1    continuing after 200 episodes"), log.toString());
        assertEquals(resultsWithoutWallTime(whole), resultsWithoutWallTime(parts),
                "the continued suite ends exactly as the uninterrupted one");
    }

    @Test
    void runsSideBySideEndExactlyAsRunsInTurn() throws IOException {
        Path suite = dir.resolve("jobs.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %s/minatar-breakout-dqn.yaml
                    set: {budget.steps: 1000, agent.learning_starts: 500, agent.buffer_size: 1000, log.every: 250, eval.every: 0,
                          eval.episodes: 1, checkpoint.every: 500}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(Path.of("..", "scenarios").toAbsolutePath().normalize()));
        List<Scenario> resolved = Bench.resolve(Suite.load(suite));
        RunFolder inTurn = RunFolder.create(dir.resolve("runs"), "bench-in-turn");
        Bench.run(resolved, inTurn, new PrintWriter(new StringWriter()), new AtomicBoolean(), 1);
        RunFolder sideBySide = RunFolder.create(dir.resolve("runs"), "bench-side-by-side");
        Bench.run(resolved, sideBySide, new PrintWriter(new StringWriter()), new AtomicBoolean(), 2);

        assertEquals(resultsWithoutWallTime(inTurn), resultsWithoutWallTime(sideBySide));
        List<Path> a = runFolders(inTurn);
        List<Path> b = runFolders(sideBySide);
        assertEquals(2, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(withoutWallTime(a.get(i).resolve("metrics.csv")), withoutWallTime(b.get(i).resolve("metrics.csv")),
                    "the training log of " + b.get(i).getFileName());
        }
    }

    @Test
    void aStopRequestEndsTheSuiteAfterTheCurrentRunsCheckpoint() throws IOException, InterruptedException {
        Path suite = dir.resolve("stop.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 10000000, eval.every: 0, checkpoint.every: 100}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(Path.of("..", "scenarios").toAbsolutePath().normalize()));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "bench-stop");
        AtomicBoolean stop = new AtomicBoolean();
        Thread ctrlC = Thread.ofPlatform().start(() -> { // once the first run has logged, as a user would press it
            try {
                while (runFolders(folder).stream().noneMatch(p -> Files.exists(p.resolve("metrics.csv")))) {
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                stop.set(true);
            }
        });
        Bench.Report report = Bench.run(Bench.resolve(Suite.load(suite)), folder, new PrintWriter(new StringWriter()),
                stop, 1);
        ctrlC.join();
        assertTrue(report.stopped());
        List<Path> runs = runFolders(folder);
        assertEquals(1, runs.size(), "the second run never started");
        assertTrue(RunFolder.open(runs.getFirst()).latestCheckpoint().isPresent(), "the stopped run left its checkpoint");
        assertEquals(1, Files.readAllLines(folder.path().resolve("results.csv")).size(), "no run ended: a header alone");
    }

    private static List<Path> runFolders(RunFolder bench) throws IOException {
        try (var children = Files.list(bench.path())) {
            return children.filter(p -> Files.exists(p.resolve(RunFolder.SCENARIO))).sorted().toList();
        }
    }

    /** results.csv without its wall-time column. */
    private static List<String> resultsWithoutWallTime(RunFolder bench) throws IOException {
        return Files.readAllLines(bench.path().resolve("results.csv")).stream()
                .map(l -> l.replaceFirst(",[^,]*,(\"[^\"]*\",\"[^\"]*\")$", ",$1")).toList(); // wall_s, before skipped, diverged
    }

    @Test
    void aSuiteDrawsEachScenariosCurveAsTheMeanAndSpreadOverSeeds() throws IOException {
        Path suite = dir.resolve("curves.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 300, eval.every: 100, eval.episodes: 20, agent.epsilon.duration: 200, log.every: 100}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(Path.of("..", "scenarios").toAbsolutePath().normalize()));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "bench-curves");
        Bench.run(Bench.resolve(Suite.load(suite)), folder, new PrintWriter(new StringWriter()));

        BufferedImage png = ImageIO.read(folder.path().resolve("plots/curve-frozenlake-qlearning.png").toFile());
        assertEquals(640, png.getWidth());
        assertEquals(360, png.getHeight());
        assertTrue(Files.exists(folder.path().resolve("plots/curve-frozenlake-qlearning-return.png")),
                "the training return beside the evaluations");
        assertFalse(Files.exists(folder.path().resolve("plots/speed.png")), "one backend: no speed comparison");

        List<Bench.Outcome> runs = new ArrayList<>();
        List<List<String>> evals = new ArrayList<>();
        for (long seed : new long[] {0, 1}) {
            Path run;
            try (var dirs = Files.list(folder.path())) {
                run = dirs.filter(p -> p.getFileName().toString().startsWith("frozenlake-qlearning-cpu-seed" + seed + "-"))
                        .findFirst().orElseThrow();
            }
            runs.add(new Bench.Outcome("frozenlake-qlearning", "cpu", seed, "episodes", 300, "mean_return", 0, Double.NaN, 1, "", run));
            evals.add(Files.readAllLines(run.resolve("eval.csv")));
        }
        SuitePlots.Source source = SuitePlots.source(runs.getFirst());
        assertEquals(new SuitePlots.Source("eval", "mean_return"), source, "the periodic evaluations, where there are some");
        assertEquals(List.of(source, new SuitePlots.Source("metrics", "return")), SuitePlots.sources(runs.getFirst()));
        SuitePlots.SeedBand band = SuitePlots.bands(runs, source).get("cpu");
        assertArrayEquals(new double[] {100, 200, 300}, band.x());
        for (int row = 1; row <= 3; row++) {
            double a = Double.parseDouble(evals.get(0).get(row).split(",")[2]);
            double b = Double.parseDouble(evals.get(1).get(row).split(",")[2]);
            assertEquals((a + b) / 2, band.mean()[row - 1], 1e-12, "the mean over the seeds at row " + row);
            assertEquals(Math.min(a, b), band.min()[row - 1]);
            assertEquals(Math.max(a, b), band.max()[row - 1]);
        }
    }

    @Test
    void aSuiteDrawsEveryScenariosCurveOfAMetricTogetherWhenItAsks() throws IOException {
        Path suite = dir.resolve("together.yaml");
        Files.writeString(suite, """
                scenarios:
                  - file: %1$s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 200, eval.every: 0, eval.episodes: 5, log.every: 50}
                  - file: %1$s/frozenlake8x8-qlearning.yaml
                    set: {budget.episodes: 100, eval.every: 0, eval.episodes: 5, log.every: 50}
                seeds: [0, 1]
                backends: [cpu]
                plot:
                  together: [return, no_such_metric]
                  log_x: true
                """.formatted(Path.of("..", "scenarios").toAbsolutePath().normalize()));
        Suite loaded = Suite.load(suite);
        assertEquals(new Suite.Plot(List.of("return", "no_such_metric"), true), loaded.plot());
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "bench-together");
        try (LocalExecutor executor = new LocalExecutor(1)) {
            Bench.run(Bench.resolve(loaded), loaded.plot(), folder, new PrintWriter(new StringWriter()),
                    new AtomicBoolean(), executor);
        }

        BufferedImage png = ImageIO.read(folder.path().resolve("plots/curves-return.png").toFile());
        assertEquals(960, png.getWidth(), "larger than one scenario's curve: it has a line per scenario");
        assertFalse(Files.exists(folder.path().resolve("plots/curves-no_such_metric.png")), "no run logs it: no chart");
        assertTrue(Files.exists(folder.path().resolve("plots/curve-frozenlake-qlearning.png")), "the per-scenario curves stay");

        List<Bench.Outcome> outcomes = new ArrayList<>();
        for (String name : List.of("frozenlake-qlearning", "frozenlake8x8-qlearning")) {
            for (long seed : new long[] {0, 1}) {
                Path run;
                try (var dirs = Files.list(folder.path())) {
                    run = dirs.filter(p -> p.getFileName().toString().startsWith(name + "-cpu-seed" + seed + "-"))
                            .findFirst().orElseThrow();
                }
                outcomes.add(new Bench.Outcome(name, "cpu", seed, "episodes", 0, "mean_return", 0, Double.NaN, 1, "", run));
            }
        }
        var chart = SuitePlots.together(outcomes, "return");
        assertEquals(List.of("frozenlake-qlearning", "frozenlake8x8-qlearning"),
                chart.series().stream().map(org.jdive.engine.chart.LineChart.Series::name).toList(), "a line per scenario");
        var first = chart.series().getFirst();
        assertArrayEquals(new double[] {50, 100, 150, 200}, first.x());
        var band = SuitePlots.bands(outcomes.subList(0, 2), new SuitePlots.Source("metrics", "return")).get("cpu");
        assertArrayEquals(band.mean(), first.y(), "the mean over the seeds");
        assertArrayEquals(band.min(), first.low());
        assertArrayEquals(band.max(), first.high());
        assertArrayEquals(new double[] {50, 100}, chart.series().get(1).x(), "each scenario over its own budget");
        assertNull(SuitePlots.together(outcomes, "no_such_metric"));
    }

    @Test
    void aBadPlotKeyOfASuiteIsNamed() throws IOException {
        Path suite = dir.resolve("bad-plot.yaml");
        String head = "scenarios: [%s/cliffwalking-vi.yaml]\nseeds: [0]\nbackends: [cpu]\n"
                .formatted(Path.of("..", "scenarios").toAbsolutePath().normalize());
        Files.writeString(suite, head + "plot:\n  togther: [loss]\n");
        List<Problem> problems = assertThrows(ScenarioException.class, () -> Suite.load(suite)).problems();
        assertEquals(List.of("plot.togther"), problems.stream().map(Problem::key).toList(), problems.toString());
        assertTrue(problems.getFirst().message().contains("Did you mean 'together'?"), problems.toString());
        Files.writeString(suite, head + "plot:\n  together: [loss, {a: 1}]\n");
        problems = assertThrows(ScenarioException.class, () -> Suite.load(suite)).problems();
        assertEquals(List.of("plot.together"), problems.stream().map(Problem::key).toList(), problems.toString());
        Files.writeString(suite, head + "plot:\n  together: [loss]\n  log_x: sometimes\n");
        problems = assertThrows(ScenarioException.class, () -> Suite.load(suite)).problems();
        assertEquals(List.of("plot.log_x"), problems.stream().map(Problem::key).toList(), problems.toString());
        Files.writeString(suite, head + "plot:\n  together: loss\n");
        assertEquals(new Suite.Plot(List.of("loss"), false), Suite.load(suite).plot(), "one metric needs no list");
        Files.writeString(suite, head);
        assertEquals(Suite.Plot.NONE, Suite.load(suite).plot());
    }

    @Test
    void aSeedBandAveragesOverTheSeedsThatLoggedEachCount() {
        var early = new MetricsTable.Curve(new double[] {10, 20}, new double[] {1, 3});
        var full = new MetricsTable.Curve(new double[] {10, 20, 30}, new double[] {2, 5, 8});
        SuitePlots.SeedBand band = SuitePlots.SeedBand.of(List.of(early, full));
        assertArrayEquals(new double[] {10, 20, 30}, band.x());
        assertArrayEquals(new double[] {1.5, 4, 8}, band.mean(), "a run that stopped early counts until it stopped");
        assertArrayEquals(new double[] {1, 3, 8}, band.min());
        assertArrayEquals(new double[] {2, 5, 8}, band.max());
    }

    @Test
    void theLateReturnAveragesTheTrainingLogOverTheLastTenthOfTheBudget() throws IOException {
        Files.writeString(dir.resolve("metrics.csv"), """
                steps,wall_s,return,loss
                850,1.0,1.0,0.5
                900,1.1,2.0,0.5
                950,1.2,,0.5
                1000,1.3,5.0,0.4
                1050,1.4,7.0,0.4
                """);
        assertEquals(5.0, Bench.lateReturn(dir, 1000), "rows after 900 up to the end; one without a return is skipped");
        assertEquals(6.0, Bench.lateReturn(dir, 1050));
        Files.writeString(dir.resolve("metrics.csv"), "epochs,wall_s,loss\n1,0.1,0.3\n2,0.2,0.2\n");
        assertTrue(Double.isNaN(Bench.lateReturn(dir, 2)), "no return logged");
    }

    @Test
    void theSpeedChartComparesBackendsWithinEachScenario() {
        List<Bench.Outcome> outcomes = List.of(
                new Bench.Outcome("cartpole-dqn", "cpu", 0, "steps", 1000, "mean_return", 9, Double.NaN, 2, "", dir),
                new Bench.Outcome("cartpole-dqn", "cpu", 1, "steps", 1000, "mean_return", 9, Double.NaN, 2, "", dir),
                new Bench.Outcome("cartpole-dqn", "djl", 0, "steps", 1000, "mean_return", 9, Double.NaN, 8, "", dir),
                new Bench.Outcome("toy-gan", "cpu", 0, "epochs", 20, "mean_error", 0.1, Double.NaN, 10, "", dir),
                new Bench.Outcome("toy-gan", "djl", 0, "epochs", 20, "mean_error", 0.1, Double.NaN, 5, "", dir),
                new Bench.Outcome("toy-gan", "opencl", 0, "epochs", 0, "", Double.NaN, Double.NaN, 0, "no OpenCL platform", null));
        List<BarChart.Bar> bars = SuitePlots.speed(outcomes).bars();
        assertEquals(List.of(
                new BarChart.Bar("cartpole-dqn", "cpu", 1.0),
                new BarChart.Bar("cartpole-dqn", "djl", 0.25),
                new BarChart.Bar("toy-gan", "cpu", 0.5),
                new BarChart.Bar("toy-gan", "djl", 1.0)), bars, "skipped runs draw no bar");
        assertNull(SuitePlots.speed(outcomes.subList(0, 2)), "one backend: nothing to compare");
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

    @Test
    void publishedFiguresAreReadAndMustNameAScenarioOfTheSuite() throws IOException {
        Path scenarios = Path.of("..", "scenarios").toAbsolutePath().normalize();
        Path suite = dir.resolve("published.yaml");
        String head = """
                scenarios:
                  - %s/cliffwalking-vi.yaml
                seeds: [0]
                backends: [cpu]
                published:
                """.formatted(scenarios);
        Files.writeString(suite, head + "  cliffwalking-vi: {value: -13, figure: evaluation, source: \"Sutton & Barto 6.5\"}\n");
        Suite.Published p = Suite.load(suite).published().get("cliffwalking-vi");
        assertEquals(-13.0, p.value());
        assertTrue(Double.isNaN(p.std()), "no std published");
        assertEquals(Suite.EVALUATION, p.figure());
        assertEquals("Sutton & Barto 6.5", p.source());
        assertEquals(1, Bench.resolve(Suite.load(suite)).size());

        Files.writeString(suite, head + "  cliffwalking-v: {value: -13, source: x}\n");
        List<Problem> named = assertThrows(ScenarioException.class, () -> Bench.resolve(Suite.load(suite))).problems();
        assertEquals(List.of("published.cliffwalking-v"), named.stream().map(Problem::key).toList());
        assertTrue(named.getFirst().message().contains("Did you mean 'cliffwalking-vi'?"), named.toString());

        Files.writeString(suite, head + "  cliffwalking-vi: {valeu: -13, figure: paper, source: x}\n");
        List<Problem> fields = assertThrows(ScenarioException.class, () -> Suite.load(suite)).problems();
        assertEquals(List.of("published.cliffwalking-vi.valeu", "published.cliffwalking-vi.value",
                "published.cliffwalking-vi.figure"), fields.stream().map(Problem::key).toList(), fields.toString());
    }
}
