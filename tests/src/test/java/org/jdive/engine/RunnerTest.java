package org.jdive.engine;

import static org.jdive.tests.RunLogs.withoutWallTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Run folders, and resume: a run stopped and resumed ends exactly as an uninterrupted one. */
class RunnerTest {

    @TempDir
    Path dir;

    private Scenario scenario(String kind, String budget) throws IOException {
        return ScenarioLoader.load(scenarioFile(kind, budget), List.of());
    }

    private Path scenarioFile(String kind, String budget) throws IOException {
        Path file = dir.resolve(kind + ".yaml");
        Files.writeString(file, """
                seed: 3
                env:
                  id: FrozenLake-v1
                agent:
                  kind: %s
                budget:
                  %s
                log:
                  every: 50
                eval:
                  every: 100
                  episodes: 50
                checkpoint:
                  every: 100
                """.formatted(kind, budget));
        return file;
    }

    private RunFolder start(Scenario s, String name) throws IOException {
        RunFolder folder = RunFolder.create(dir.resolve(name), s.name());
        Runner.writeScenario(s, folder);
        return folder;
    }


    @ParameterizedTest
    @ValueSource(strings = {"q-learning", "sarsa", "expected-sarsa"})
    void aStoppedAndResumedRunEndsExactlyAsAnUninterruptedOne(String kind) throws IOException {
        Scenario s = scenario(kind, "episodes: 400");
        RunFolder whole = start(s, "whole");
        Runner.Result expected = new Runner(s, whole).run();
        assertFalse(expected.stopped());

        RunFolder parts = start(s, "parts");
        Runner first = stoppingAt(new Runner(s, parts), 250);
        Runner.Result stopped = first.run();
        assertTrue(stopped.stopped());
        assertEquals(250, stopped.done(), "stops at the end of the chunk it was in");
        // what the interrupted run wrote after its checkpoint is dropped and written again on resume
        Runner second = new Runner(ScenarioLoader.load(parts.scenario(), List.of()), parts);
        assertEquals(250, second.resume());
        Runner.Result resumed = second.run();

        assertEquals(expected.evaluation(), resumed.evaluation());
        assertArrayEquals(TrainerState.read(whole.checkpoint(400)).doubles("q"),
                TrainerState.read(parts.checkpoint(400)).doubles("q"));
        assertArrayEquals(TrainerState.read(whole.bestCheckpoint()).doubles("q"),
                TrainerState.read(parts.bestCheckpoint()).doubles("q"), "the best model survives the resume");
        assertEquals(summaryBest(whole), summaryBest(parts));
        assertEquals(withoutWallTime(whole.path().resolve("metrics.csv")), withoutWallTime(parts.path().resolve("metrics.csv")));
        assertEquals(withoutWallTime(whole.path().resolve("eval.csv")), withoutWallTime(parts.path().resolve("eval.csv")));
    }

    @Test
    void wallTimeCountsAcrossAResume() throws IOException {
        Scenario s = scenario("q-learning", "episodes: 400");
        RunFolder folder = start(s, "parts");
        Runner first = stoppingAt(new Runner(s, folder), 250);
        Runner.Result stopped = first.run();
        List<Double> before = wallTimes(folder);
        Runner second = new Runner(s, folder);
        second.resume();
        Runner.Result ended = second.run();
        List<Double> after = wallTimes(folder);
        assertEquals(before.subList(0, 5), after.subList(0, 5), "rows up to the checkpoint at 250 are kept as they were");
        for (int i = 1; i < after.size(); i++) {
            assertTrue(after.get(i) >= after.get(i - 1), "wall_s never goes back: " + after);
        }
        assertTrue(ended.seconds() >= stopped.seconds(), ended.seconds() + " s over both parts, " + stopped.seconds()
                + " s in the first");

        Runner again = new Runner(s, folder);
        again.resume();
        assertEquals(ended.seconds(), again.run().seconds(), 1e-9, "a run that had ended reports its wall time");
    }

    @Test
    void aRunFromBeforeCheckpointsCarriedWallTimeTakesItFromItsLog() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, "steps,wall_s,return\n100,1.5,0\n200,3.0,0\n300,0.5,0\n400,2.0,0\n");
        assertEquals(5.0, MetricsTable.read(csv).wallTime(), 1e-12, "a log that restarted at 300: 3.0 s, then 2.0 s");
        Files.writeString(csv, "steps,wall_s,return\n100,1.5,0\n200,3.0,0\n");
        assertEquals(3.0, MetricsTable.read(csv).wallTime(), 1e-12);

        Scenario s = scenario("q-learning", "episodes: 5000");
        RunFolder folder = start(s, "old");
        Runner.Result ended = new Runner(s, folder).run();
        Path last = folder.latestCheckpoint().orElseThrow();
        TrainerState.read(last).remove(Runner.WALL_NANOS).write(last); // as a checkpoint of an older jdive
        Runner again = new Runner(s, folder);
        again.resume();
        double logged = MetricsTable.read(folder.path().resolve("metrics.csv")).wallTime();
        assertEquals(logged, again.run().seconds(), 1e-9);
        assertTrue(logged > 0 && logged <= ended.seconds() + 5e-4, logged + " s logged (to the millisecond), " + ended.seconds()
                + " s in all");
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointStartsOver() throws IOException {
        Scenario s = scenario("q-learning", "episodes: 400");
        RunFolder whole = start(s, "whole");
        new Runner(s, whole).run();
        RunFolder parts = start(s, "parts");
        Runner first = new Runner(s, parts);
        first.addListener((done, metrics, last) -> first.requestStop());
        first.run(); // stopped after its first chunk (50 episodes), then as if killed before that checkpoint was written
        for (Path p : parts.listCheckpoints()) {
            Files.delete(p);
        }
        Runner second = new Runner(s, parts);
        assertEquals(0, second.resume());
        second.run();
        assertEquals(withoutWallTime(whole.path().resolve("metrics.csv")), withoutWallTime(parts.path().resolve("metrics.csv")));
    }

    /** {@code runner}, made to stop (as Ctrl-C does) at the end of the chunk in which it reaches {@code units}. */
    static Runner stoppingAt(Runner runner, long units) {
        runner.addListener((done, metrics, last) -> {
            if (done >= units) {
                runner.requestStop();
            }
        });
        return runner;
    }

    /** The wall_s column of the training log. */
    private static List<Double> wallTimes(RunFolder folder) throws IOException {
        return Files.readAllLines(folder.path().resolve("metrics.csv")).stream().skip(1)
                .map(l -> Double.parseDouble(l.split(",")[1])).toList();
    }

    /** The summary's best evaluation: its mean return and when it happened. */
    private static String summaryBest(RunFolder folder) throws IOException {
        var m = java.util.regex.Pattern.compile("\"best_eval_mean_return\":[^,]*,\"best_eval_at\":\\d+")
                .matcher(Files.readString(folder.path().resolve(RunFolder.SUMMARY)));
        assertTrue(m.find(), "the summary names the best evaluation");
        return m.group();
    }

    @Test
    void valueIterationResumesToTheSameValues() throws IOException {
        Scenario s = scenario("value-iteration", "sweeps: 1000");
        RunFolder whole = start(s, "whole");
        new Runner(s, whole).run();
        RunFolder parts = start(s, "parts");
        Runner first = new Runner(s, parts);
        first.addListener((done, metrics, last) -> first.requestStop());
        first.run();
        Runner second = new Runner(s, parts);
        assertEquals(50, second.resume());
        second.run();
        Path a = whole.latestCheckpoint().orElseThrow();
        Path b = parts.latestCheckpoint().orElseThrow();
        assertEquals(a.getFileName(), b.getFileName());
        assertArrayEquals(TrainerState.read(a).doubles("values"), TrainerState.read(b).doubles("values"));
    }

    @Test
    void theRunFolderHoldsScenarioMetricsCheckpointsAndSummary() throws IOException {
        Scenario s = scenario("q-learning", "episodes: 500");
        RunFolder folder = start(s, "runs");
        new Runner(s, folder).run();
        assertTrue(folder.path().getFileName().toString().matches("q-learning-\\d{8}-\\d{6}"), folder.path().toString());
        assertEquals(s.values(), ScenarioLoader.load(folder.scenario(), List.of()).values(),
                "the resolved scenario loads back to the same values");
        List<String> metrics = Files.readAllLines(folder.path().resolve("metrics.csv"));
        assertEquals("episodes,wall_s,return,length,epsilon", metrics.getFirst());
        assertEquals(11, metrics.size(), "a header and a row every 50 episodes");
        assertEquals(10, Files.readAllLines(folder.path().resolve("metrics.jsonl")).size());
        List<String> evals = Files.readAllLines(folder.path().resolve("eval.csv"));
        assertEquals("episodes,wall_s,mean_return,std_return,mean_length", evals.getFirst());
        assertEquals(6, evals.size(), "every 100 episodes and at the end");
        assertEquals(List.of("000000000400.state", "000000000500.state"),
                folder.listCheckpoints().stream().map(p -> p.getFileName().toString()).toList(), "checkpoint.keep = 2");
        String summary = Files.readString(folder.path().resolve("summary.json"));
        assertTrue(summary.contains("\"done\":500") && summary.contains("\"finished\":true")
                && summary.contains("\"eval_mean_return\":") && summary.contains("\"best_eval_at\":"), summary);
        try (var files = Files.list(folder.path())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files are left");
        }
    }

    @Test
    void aRunThatDiedAfterACheckpointResumesFromItAndRewritesWhatCameAfter() throws IOException {
        Scenario s = scenario("q-learning", "episodes: 400");
        RunFolder whole = start(s, "whole");
        new Runner(s, whole).run();
        RunFolder parts = start(s, "parts");
        Runner first = stoppingAt(new Runner(s, parts), 250);
        first.run();
        Files.delete(parts.checkpoint(250)); // as if the process had been killed before writing it
        Runner second = new Runner(s, parts);
        assertEquals(200, second.resume());
        assertEquals(5, Files.readAllLines(parts.path().resolve("metrics.csv")).size(), "rows after 200 are dropped");
        second.run();
        assertEquals(withoutWallTime(whole.path().resolve("metrics.csv")), withoutWallTime(parts.path().resolve("metrics.csv")));
        assertArrayEquals(TrainerState.read(whole.checkpoint(400)).doubles("q"),
                TrainerState.read(parts.checkpoint(400)).doubles("q"));
    }

    /** A single DQN, and a population of three in lockstep (whose checkpoints hold a DQN checkpoint per member). */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aStoppedAndResumedDqnRunEndsExactlyAsAnUninterruptedOne(int population) throws IOException {
        Path file = dir.resolve("dqn.yaml");
        Files.writeString(file, """
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  num_envs: 2
                  learning_starts: 100
                  train_frequency: 3
                  target_update_interval: 50
                  batch_size: 16
                  hidden: [16]
                  population: %d
                budget:
                  steps: 600
                log:
                  every: 202
                eval:
                  every: 202
                  episodes: 2
                checkpoint:
                  every: 202
                """.formatted(population));
        Scenario s = ScenarioLoader.load(file, List.of());
        RunFolder whole = start(s, "whole");
        assertEquals(600, new Runner(s, whole).run().done());

        RunFolder parts = start(s, "parts");
        Runner first = new Runner(s, parts);
        first.addListener((done, metrics, last) -> first.requestStop());
        assertEquals(202, first.run().done(), "stops mid-episode: 101 steps of each of the two envs");
        Runner second = new Runner(ScenarioLoader.load(parts.scenario(), List.of()), parts);
        assertEquals(202, second.resume());
        Runner.Result resumed = second.run();
        assertFalse(resumed.stopped());
        assertEquals(600, resumed.done());

        assertTrue(Files.readString(parts.path().resolve("metrics.csv")).startsWith("steps,wall_s,return,length,loss,epsilon"));
        assertEquals(withoutWallTime(whole.path().resolve("metrics.csv")), withoutWallTime(parts.path().resolve("metrics.csv")));
        assertEquals(withoutWallTime(whole.path().resolve("eval.csv")), withoutWallTime(parts.path().resolve("eval.csv")));
        Path a = whole.latestCheckpoint().orElseThrow();
        Path b = parts.latestCheckpoint().orElseThrow();
        assertEquals(a.getFileName(), b.getFileName());
        TrainerState wholeState = TrainerState.read(a);
        TrainerState partsState = TrainerState.read(b);
        assertEquals(wholeState.names(), partsState.names());
        for (String name : wholeState.names()) {
            if (!name.equals(Runner.WALL_NANOS)) { // the only entry that is not the same: the time it took
                assertArrayEquals(wholeState.bytes(name), partsState.bytes(name), name + " of the last checkpoint");
            }
        }
        TrainerState wholeBest = TrainerState.read(whole.bestCheckpoint());
        TrainerState partsBest = TrainerState.read(parts.bestCheckpoint());
        for (String name : wholeBest.names()) {
            assertArrayEquals(wholeBest.bytes(name), partsBest.bytes(name), name + " of the best checkpoint");
        }
        assertEquals(summaryBest(whole), summaryBest(parts));
        assertTrue(wholeBest.names().stream().noneMatch(n -> n.contains("replay")),
                "the best checkpoint holds the networks, not the replay buffer: " + wholeBest.names());
        MetricsTable evals = MetricsTable.read(whole.path().resolve("eval.csv"));
        double[] means = evals.column("mean_return");
        int best = 0;
        for (int i = 1; i < means.length; i++) {
            best = means[i] > means[best] ? i : best;
        }
        try (var trainer = s.kind().create(s)) {
            trainer.restore(wholeBest);
            assertEquals((long) evals.column("steps")[best], trainer.done());
            assertEquals(means[best], trainer.evaluate().get("mean_return"), "the best networks evaluate as recorded");
        }
    }

    @Test
    void recordGifWritesEachEvaluationsFirstEpisodeWithoutChangingTheRun() throws IOException {
        Scenario plain = ScenarioLoader.load(scenarioFile("q-learning", "episodes: 300"), List.of());
        Scenario recorded = ScenarioLoader.load(scenarioFile("q-learning", "episodes: 300"), List.of("record.gif=true"));
        RunFolder without = start(plain, "without");
        RunFolder with = start(recorded, "with");
        new Runner(plain, without).run();
        new Runner(recorded, with).run();

        assertEquals(withoutWallTime(without.path().resolve("eval.csv")), withoutWallTime(with.path().resolve("eval.csv")),
                "recording replays episodes on its own env: training and evaluation are unchanged");
        assertTrue(Files.notExists(without.path().resolve("recordings")));
        for (long done : new long[] {100, 200, 300}) {
            Path gif = with.recording(done);
            assertTrue(Files.exists(gif), gif + " is written");
            try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
                var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
                reader.setInput(in);
                assertTrue(reader.getNumImages(true) >= 2, "a start frame and at least one step: " + gif);
            }
        }
    }

    @Test
    void theBestEvaluationsModelIsKeptAndEvaluatesToItsRecordedMean() throws IOException {
        Scenario s = ScenarioLoader.load(scenarioFile("q-learning", "episodes: 1000"), List.of("checkpoint.keep=1"));
        RunFolder folder = start(s, "runs");
        new Runner(s, folder).run();
        MetricsTable evals = MetricsTable.read(folder.path().resolve("eval.csv"));
        double[] means = evals.column("mean_return");
        int best = 0;
        for (int i = 1; i < means.length; i++) {
            best = means[i] > means[best] ? i : best;
        }
        long bestAt = (long) evals.column("episodes")[best];
        assertTrue(bestAt < 1000, "this seed's evaluations peak before the end: " + java.util.Arrays.toString(means));
        assertTrue(Files.notExists(folder.checkpoint(bestAt)), "checkpoint.keep pruned the numbered checkpoint");
        assertTrue(summaryBest(folder).endsWith("\"best_eval_at\":" + bestAt), summaryBest(folder));
        try (var trainer = s.kind().create(s)) {
            trainer.restore(TrainerState.read(folder.bestCheckpoint()));
            assertEquals(bestAt, trainer.done());
            assertEquals(means[best], trainer.evaluate().get("mean_return"), "the same episodes give the same mean");
        }
        try (var files = Files.list(folder.checkpoints())) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files are left");
        }
    }

    @Test
    void anEvaluationThatReachesStopAtEndsTheRunEarly() throws IOException {
        Scenario s = ScenarioLoader.load(scenarioFile("q-learning", "episodes: 1000"), List.of("eval.stop_at=-1"));
        RunFolder folder = start(s, "runs");
        Runner.Result result = new Runner(s, folder).run();
        assertEquals(100, result.done(), "the first evaluation (a return >= 0) reaches -1");
        assertTrue(result.reachedStopAt());
        assertFalse(result.stopped(), "a run that reached its threshold is finished, not stopped");
        assertEquals(2, Files.readAllLines(folder.path().resolve("eval.csv")).size(), "no second evaluation of the same model");
        String summary = Files.readString(folder.path().resolve(RunFolder.SUMMARY));
        assertTrue(summary.contains("\"finished\":true,\"reached_stop_at\":true"), summary);
        assertEquals(folder.checkpoint(100), folder.latestCheckpoint().orElseThrow());
        assertTrue(Files.exists(folder.bestCheckpoint()));

        Runner resumed = new Runner(s, folder);
        assertEquals(100, resumed.resume());
        Runner.Result again = resumed.run();
        assertEquals(100, again.done(), "resuming a run that reached its threshold trains no further");
        assertTrue(again.reachedStopAt());
        assertEquals(result.evaluation(), again.evaluation());
        assertEquals(summary, Files.readString(folder.path().resolve(RunFolder.SUMMARY)));
    }

    @Test
    void resumingAFinishedRunChangesNothing() throws IOException {
        Scenario s = scenario("q-learning", "episodes: 200");
        RunFolder folder = start(s, "runs");
        Runner.Result first = new Runner(s, folder).run();
        List<String> evals = Files.readAllLines(folder.path().resolve("eval.csv"));
        String summary = Files.readString(folder.path().resolve(RunFolder.SUMMARY));
        Runner resumed = new Runner(s, folder);
        assertEquals(200, resumed.resume());
        Runner.Result again = resumed.run();
        assertFalse(again.stopped());
        assertEquals(first.evaluation(), again.evaluation(), "the final evaluation, as logged");
        assertEquals(evals, Files.readAllLines(folder.path().resolve("eval.csv")), "no second final evaluation");
        assertEquals(summary, Files.readString(folder.path().resolve(RunFolder.SUMMARY)));
    }

    @Test
    void stopAtWithoutPeriodicEvaluationsIsAnError() throws IOException {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(scenarioFile("q-learning", "episodes: 10"),
                List.of("eval.every=0", "eval.stop_at=0.7")));
        assertEquals(List.of("eval.stop_at"), e.problems().stream().map(p -> p.key()).toList(), e.getMessage());
        assertTrue(e.getMessage().contains("eval.every is 0"), e.getMessage());
    }
}
