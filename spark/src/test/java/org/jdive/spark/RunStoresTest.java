package org.jdive.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.jdive.engine.Bench;
import org.jdive.engine.Executor;
import org.jdive.engine.LocalExecutor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.Runs;
import org.jdive.engine.Suite;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.sweep.Sweep;
import org.jdive.engine.sweep.Tuner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders where the workers do not see the driver's: committed through a Hadoop file system (here Hadoop's
 * {@code file:} one) or carried to the tasks and back; and a task attempt that dies mid-run, whose retry continues
 * from the checkpoint the attempt uploaded.
 */
class RunStoresTest {

    private static final String SWEEP_BASE = """
            seed: 3
            env:
              id: FrozenLake-v1
            agent:
              kind: q-learning
            budget:
              episodes: 900
            eval:
              every: 300
              episodes: 50
            checkpoint:
              every: 300
            """;
    private static final String SWEEP = """
            space:
              agent.alpha: {log_uniform: [0.02, 0.5]}
            searcher: successive-halving
            trials: 4
            min_budget: 100
            seeds: [0, 1]
            """;

    @TempDir
    Path dir;

    @Test
    void aSweepCommittedThroughAHadoopFileSystemEndsAsOnTheLocalExecutor() throws IOException {
        Sweep sweep = Sweeps.write(dir, SWEEP_BASE, SWEEP);
        Tuner.Report local;
        try (LocalExecutor executor = new LocalExecutor(2)) {
            local = Sweeps.run(sweep, dir.resolve("local"), executor);
        }
        Path shared = dir.resolve("shared");
        Tuner.Report spark;
        try (SparkExecutor executor = new SparkExecutor("local[2]", 0, RunStore.parse(shared.toUri().toString()))) {
            spark = Sweeps.run(sweep, dir.resolve("driver"), executor);
        }
        assertFalse(spark.stopped());
        assertEquals(local.results().size(), spark.results().size());
        assertEquals(Sweeps.results(dir.resolve("local")), Sweeps.results(dir.resolve("driver")));
        List<Path> trials = folders(dir.resolve("local/trials"));
        assertEquals(8, trials.size());
        for (Path trial : trials) {
            Path committed = shared.resolve("driver/trials").resolve(trial.getFileName());
            for (String csv : List.of("metrics.csv", "eval.csv")) {
                assertEquals(Sweeps.withoutWallTime(trial.resolve(csv)), Sweeps.withoutWallTime(committed.resolve(csv)),
                        csv + " of " + trial.getFileName() + " as committed");
            }
        }
        assertEquals(trials.stream().map(Path::getFileName).toList(),
                folders(shared.resolve("driver/trials")).stream().map(Path::getFileName).toList(),
                "the committed run folders and nothing else: no attempt folders left");
    }

    @Test
    void withoutSharedStorageTheRunFoldersTravelWithTheTasks() throws IOException {
        Sweep sweep = Sweeps.write(dir, SWEEP_BASE, SWEEP);
        try (LocalExecutor executor = new LocalExecutor(2)) {
            Sweeps.run(sweep, dir.resolve("local"), executor);
        }
        try (SparkExecutor executor = new SparkExecutor("local[2]", 0, RunStore.parse("driver"))) {
            assertFalse(Sweeps.run(sweep, dir.resolve("driver"), executor).stopped());
        }
        assertEquals(Sweeps.results(dir.resolve("local")), Sweeps.results(dir.resolve("driver")));
        Path trial = dir.resolve("driver/trials/000-seed0");
        assertEquals(Sweeps.withoutWallTime(dir.resolve("local/trials/000-seed0/eval.csv")),
                Sweeps.withoutWallTime(trial.resolve("eval.csv")));
        assertEquals(List.of(), Files.list(trial.getParent()).filter(p -> p.toString().contains(".arriving")).toList());
    }

    @Test
    void aRetryContinuesFromTheCheckpointTheDeadAttemptUploaded() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("..", "scenarios", "frozenlake-qlearning.yaml"),
                List.of("budget.episodes=1000", "log.every=100", "eval.every=500", "eval.episodes=50",
                        "checkpoint.every=200"));
        RunFolder uninterrupted = RunFolder.create(dir.resolve("local"), "once");
        Runs.run(scenario, uninterrupted);

        Path shared = dir.resolve("shared");
        Path driver = Files.createDirectories(dir.resolve("driver"));
        long resumedAt;
        // local[1,2]: one core, and a failed task is tried twice
        try (SparkExecutor executor = new SparkExecutor("local[1,2]", 0, RunStore.parse(shared.toUri().toString()))) {
            resumedAt = executor.submit(new DiesOnce(driver.toString(), "run", scenario.toYaml(), 500)).join();
        }
        assertEquals(400, resumedAt, "the retry continues from the last checkpoint the first attempt uploaded");
        Path committed = shared.resolve("driver/run");
        for (String csv : List.of("metrics.csv", "eval.csv")) {
            assertEquals(Sweeps.withoutWallTime(uninterrupted.path().resolve(csv)),
                    Sweeps.withoutWallTime(committed.resolve(csv)), csv + ": the resumed run's as an uninterrupted one's");
        }
        assertEquals(2, folders(committed.resolve("tb")).size() + files(committed.resolve("tb")),
                "an event file from each attempt");
        assertEquals(List.of(committed), folders(shared.resolve("driver")), "no attempt folder left");
        assertEquals(Sweeps.withoutWallTime(committed.resolve("eval.csv")),
                Sweeps.withoutWallTime(driver.resolve("run/eval.csv")), "the driver has the committed run folder");
    }

    @Test
    void aSuiteResumedByADriverThatLostItsCopiesTakesTheCommittedRunsBack() throws IOException {
        Path suiteFile = dir.resolve("tiny.yaml");
        Files.writeString(suiteFile, """
                scenarios:
                  - file: %s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 600, log.every: 100, eval.every: 300, eval.episodes: 50, checkpoint.every: 200}
                seeds: [0, 1]
                backends: [cpu]
                """.formatted(Path.of("..", "scenarios").toAbsolutePath().normalize()));
        List<Scenario> suite = Bench.resolve(Suite.load(suiteFile));
        Path shared = dir.resolve("shared");
        RunFolder driver = RunFolder.create(dir.resolve("driver"), "bench-tiny");
        try (SparkExecutor executor = new SparkExecutor("local[2]", 0, RunStore.parse(shared.toUri().toString()))) {
            Bench.run(suite, driver, new PrintWriter(new StringWriter()), new AtomicBoolean(), executor);
            List<String> results = Sweeps.benchResults(driver.path());
            for (Path run : folders(driver.path())) { // a driver that died before it copied them back
                if (Files.exists(run.resolve(RunFolder.SCENARIO))) {
                    String scenario = Files.readString(run.resolve(RunFolder.SCENARIO));
                    AttemptFolder.delete(run);
                    Files.createDirectories(run);
                    Files.writeString(run.resolve(RunFolder.SCENARIO), scenario);
                }
            }
            StringWriter log = new StringWriter();
            Bench.run(suite, driver, new PrintWriter(log), new AtomicBoolean(), executor);
            assertEquals(results, Sweeps.benchResults(driver.path()), log.toString());
        }
        List<Path> committed = folders(shared.resolve(driver.path().getFileName()));
        assertEquals(2, committed.size(), committed.toString());
        for (Path run : committed) {
            assertEquals(1, files(run.resolve("tb")), run + " was not run again");
            assertTrue(Files.exists(run.resolve(RunFolder.SUMMARY)));
        }
    }

    @Test
    void aStoreThatIsNoneOfTheKnownKindsIsRefusedNamingThem() {
        IllegalArgumentException notAUri = assertThrows(IllegalArgumentException.class, () -> RunStore.parse("nfs"));
        assertTrue(notAUri.getMessage().contains("shared, driver, or the URI of a Hadoop file system"), notAUri.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RunStore.parse("gopher://host/runs"));
        assertTrue(unknown.getMessage().contains("gopher://host/runs") && unknown.getMessage().contains("s3a: needs "
                + "hadoop-aws"), unknown.getMessage());
    }

    /**
     * A run whose first task attempt dies at {@code dieAt} units, as if its worker went away; a second attempt runs it
     * to the end and returns the units it continued after.
     */
    private record DiesOnce(String root, String run, String scenario, long dieAt) implements Executor.FolderWork<Long> {

        @Override
        public List<String> runs() {
            return List.of(run);
        }

        @Override
        public DiesOnce under(String otherRoot) {
            return new DiesOnce(otherRoot, run, scenario, dieAt);
        }

        @Override
        public Long call() throws IOException {
            RunFolder folder = new RunFolder(Path.of(root).resolve(run));
            if (!Files.exists(folder.scenario())) {
                Files.createDirectories(folder.checkpoints());
                folder.writeAtomically(RunFolder.SCENARIO, scenario);
            }
            boolean first = TaskContext.get().attemptNumber() == 0;
            try (Runner runner = new Runner(ScenarioLoader.load(folder.scenario(), List.of()), folder)) {
                long resumedAt = runner.resume();
                runner.addListener((done, metrics, last) -> {
                    if (first && done == dieAt) {
                        throw new IllegalStateException("the first attempt dies at " + dieAt);
                    }
                });
                runner.run();
                return resumedAt;
            }
        }
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (Stream<Path> all = Files.list(parent)) {
            return all.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static int files(Path parent) throws IOException {
        try (Stream<Path> all = Files.list(parent)) {
            return (int) all.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
