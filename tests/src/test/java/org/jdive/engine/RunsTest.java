package org.jdive.engine;

import static org.jdive.tests.RunLogs.withoutWallTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs from plain Java: a folder is the whole of a run, so running into it again continues or returns. */
class RunsTest {

    @TempDir
    Path dir;

    private Scenario scenario(String... sets) throws IOException {
        Path file = dir.resolve("q.yaml");
        Files.writeString(file, """
                seed: 4
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 400
                log:
                  every: 50
                eval:
                  every: 100
                  episodes: 20
                checkpoint:
                  every: 100
                """);
        return ScenarioLoader.load(file, List.of(sets));
    }

    @Test
    void aStoppedRunContinuedIntoItsFolderEndsAsAnUninterruptedOne() throws IOException {
        Scenario s = scenario();
        Runner.Result whole = Runs.start(s, dir.resolve("whole"));
        assertTrue(whole.done() == 400 && !whole.stopped());

        RunFolder parts = new RunFolder(dir.resolve("parts").resolve("one")); // a folder the caller names, not yet there
        AtomicBoolean stop = new AtomicBoolean(true); // stops after the first chunk
        Runner.Result first = Runs.run(s, parts, stop);
        assertTrue(first.stopped() && first.done() < 400, "stopped after " + first.done());
        Runner.Result rest = Runs.run(s, parts);
        assertEquals(whole.evaluation(), rest.evaluation());
        Path wholeFolder;
        try (var folders = Files.list(dir.resolve("whole"))) {
            wholeFolder = folders.findFirst().orElseThrow();
        }
        assertEquals(withoutWallTime(wholeFolder.resolve("eval.csv")),
                withoutWallTime(parts.path().resolve("eval.csv")));

        Runner.Result again = Runs.run(s, parts);
        assertFalse(again.stopped());
        assertEquals(rest.evaluation(), again.evaluation(), "an ended run returns its result");
    }

    @Test
    void aCheckpointListenerIsToldOfEachMidRunCheckpointWhenTheFolderCanBeResumedFromIt() throws Exception {
        Scenario s = scenario();
        Runner.Result whole = Runs.start(s, dir.resolve("whole"));
        RunFolder run = new RunFolder(dir.resolve("watched"));
        Path copy = dir.resolve("copy-at-200");
        List<Long> told = new java.util.ArrayList<>();
        Runner.withCheckpointListener((folder, done) -> {
            assertEquals(run, folder);
            told.add(done);
            if (done == 200) { // what an executor uploads for a retry elsewhere
                try (var files = Files.walk(folder.path())) {
                    for (Path f : files.toList()) {
                        Files.copy(f, copy.resolve(folder.path().relativize(f).toString()));
                    }
                }
            }
        }, () -> Runs.run(s, run));
        assertEquals(List.of(100L, 200L, 300L), told, "the mid-run checkpoints, not the last one");
        Runner.Result resumed = Runs.run(s, new RunFolder(copy));
        assertEquals(whole.evaluation(), resumed.evaluation());
        assertEquals(withoutWallTime(run.path().resolve("eval.csv")), withoutWallTime(copy.resolve("eval.csv")));
        assertEquals(withoutWallTime(run.path().resolve("metrics.csv")), withoutWallTime(copy.resolve("metrics.csv")));
        Runs.run(s, new RunFolder(dir.resolve("unwatched")));
        assertEquals(3, told.size(), "no listener outside withCheckpointListener");
    }

    @Test
    void aFolderHoldingAnotherScenarioIsRefused() throws IOException {
        RunFolder folder = new RunFolder(dir.resolve("run"));
        Runs.run(scenario("budget.episodes=100"), folder);
        var e = assertThrows(IllegalArgumentException.class, () -> Runs.run(scenario("seed=5"), folder));
        assertTrue(e.getMessage().contains("another scenario"), e.getMessage());
    }
}
