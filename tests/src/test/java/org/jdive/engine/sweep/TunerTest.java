package org.jdive.engine.sweep;

import static org.jdive.tests.RunLogs.withoutWallTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.engine.LocalExecutor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runs;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps end to end on Q-learning: promotion continues runs exactly, and no result depends on how the sweep ran. */
class TunerTest {

    @TempDir
    Path dir;

    private Sweep sweep(String body) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), """
                seed: 2
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 900
                log:
                  every: 100
                eval:
                  every: 100
                  episodes: 50
                checkpoint:
                  every: 100
                """);
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "scenario: base.yaml\n" + body);
        return Sweep.load(file);
    }

    private Tuner.Report run(Sweep sweep, String folder, int jobs) throws IOException {
        try (LocalExecutor executor = new LocalExecutor(jobs)) {
            return new Tuner(sweep, dir.resolve(folder), executor, new AtomicBoolean(), null).run();
        }
    }

    @Test
    void aPromotedTrialEndsExactlyAsARunStraightToTheFullBudget() throws IOException {
        Sweep sh = sweep("""
                space:
                  agent.alpha: {log_uniform: [0.01, 0.5]}
                searcher: successive-halving
                trials: 3
                min_budget: 100
                """);
        Tuner.Report report = run(sh, "sh", 1);
        assertEquals(3 + 1 + 1, report.results().size(), "rungs of 100, 300 and 900 episodes hold 3, 1 and 1 trials");
        TrialResult last = report.results().getLast();
        assertEquals(900, last.job().budget());
        Path promoted = Tuner.trialFolder(dir.resolve("sh"), last.job().trial(), 2).path();
        Scenario straight = sh.trial(last.job().config(), 2);
        Runs.start(straight, dir.resolve("straight"));
        Path reference;
        try (var folders = Files.list(dir.resolve("straight"))) {
            reference = folders.findFirst().orElseThrow();
        }
        for (String csv : List.of("metrics.csv", "eval.csv")) {
            assertEquals(withoutWallTime(reference.resolve(csv)), withoutWallTime(promoted.resolve(csv)),
                    csv + " of the trial paused at 100 and 300 episodes and continued, against one run to 900");
        }
        Scenario best = ScenarioLoader.load(dir.resolve("sh").resolve("best.yaml"), List.of());
        assertEquals(straight.toYaml(), best.toYaml(), "best.yaml is the best trial's scenario, ready to run");
        assertTrue(Files.exists(dir.resolve("sh/plots/trials.png")) && Files.exists(dir.resolve("sh/plots/best-so-far.png")));
    }

    @Test
    void resultsAreTheSameOneJobAtATimeSideBySideAndAfterACrash() throws IOException {
        Sweep grid = sweep("""
                space:
                  agent.alpha: {choice: [0.05, 0.3]}
                  agent.gamma: {choice: [0.9, 0.99]}
                searcher: grid
                seeds: [0, 1]
                """);
        Tuner.Report one = run(grid, "one", 1);
        Tuner.Report two = run(grid, "two", 2);
        assertEquals(4, one.results().size());
        assertEquals(withoutWall(dir.resolve("one/results.csv")), withoutWall(dir.resolve("two/results.csv")));

        // As if the machine went away after the journal's fifth line: two jobs had reported, a third had started.
        Path journal = dir.resolve("one").resolve(Journal.FILE);
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, 5));
        Tuner.Report resumed = run(grid, "one", 1);
        assertFalse(resumed.stopped());
        assertEquals(4, resumed.results().size());
        assertEquals(withoutWall(dir.resolve("two/results.csv")), withoutWall(dir.resolve("one/results.csv")));
        assertEquals(8, Files.readAllLines(journal).size(), "each job started and reported once in the journal");
    }

    @Test
    void ashaWithTwoWorkersRunsItsTrialsAndPromotesTheBest() throws IOException {
        Sweep asha = sweep("""
                space:
                  agent.alpha: {log_uniform: [0.01, 0.5]}
                searcher: asha
                trials: 6
                min_budget: 100
                """);
        Tuner.Report report = run(asha, "asha", 2);
        long started = report.results().stream().filter(r -> r.job().rung() == 0).count();
        assertEquals(6, started);
        assertTrue(report.results().stream().anyMatch(r -> r.job().rung() >= 1), "ASHA promotes as results come in");
        for (TrialResult r : report.results()) {
            RunFolder run = Tuner.trialFolder(dir.resolve("asha"), r.job().trial(), 2);
            assertTrue(Files.exists(run.scenario()));
        }
    }

    @Test
    void hyperbandRunsItsBracketsAndOneWorkerAgreesWithTwo() throws IOException {
        Sweep hyperband = sweep("""
                space:
                  agent.alpha: {log_uniform: [0.01, 0.5]}
                searcher: hyperband
                min_budget: 100
                """);
        Tuner.Report one = run(hyperband, "hb1", 1);
        // rungs 100, 300, 900: brackets of 9 (9, 3, 1 jobs), 5 (5, 1) and 3 (3)
        assertEquals(9 + 3 + 1 + 5 + 1 + 3, one.results().size());
        assertEquals(17, one.results().stream().map(r -> r.job().trial()).distinct().count());
        assertEquals(List.of(100L, 300L, 900L), one.results().stream().map(r -> r.job().budget()).distinct().sorted()
                .toList());
        Tuner.Report two = run(hyperband, "hb2", 2);
        assertEquals(one.results().size(), two.results().size());
        assertEquals(best(one), best(two), "two workers overlap brackets but make the same decisions");
    }

    private static double best(Tuner.Report report) {
        return report.results().stream().filter(r -> r.job().budget() == 900).mapToDouble(TrialResult::value).max()
                .orElseThrow();
    }

    /** results.csv without its last column, the wall time. */
    private static List<String> withoutWall(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
