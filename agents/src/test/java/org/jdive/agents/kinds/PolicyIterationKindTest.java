package org.jdive.agents.kinds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent.kind: policy-iteration} through the runner: the optimum of value iteration, and exact resume. */
class PolicyIterationKindTest {

    private static final Path PI = Path.of("..", "scenarios", "frozenlake-pi.yaml");
    private static final Path VI = Path.of("..", "scenarios", "frozenlake-vi.yaml");

    @TempDir
    Path dir;

    private Runner.Result run(Scenario s, String name) throws IOException {
        RunFolder folder = RunFolder.create(dir.resolve(name), s.name());
        Runner.writeScenario(s, folder);
        try (Runner runner = new Runner(s, folder)) {
            return runner.run();
        }
    }

    @Test
    void slipperyFrozenLakeReachesValueIterationsSuccessInAFewIterations() throws IOException {
        Runner.Result pi = run(ScenarioLoader.load(PI, List.of()), "pi");
        Runner.Result vi = run(ScenarioLoader.load(VI, List.of()), "vi");
        assertTrue(pi.done() < 20, "the policy is stable after " + pi.done() + " iterations");
        double success = pi.evaluation().get("mean_return");
        assertEquals(0.74, success, 0.03, "the optimal success rate of slippery FrozenLake 4x4");
        assertEquals(vi.evaluation(), pi.evaluation(), "the same greedy policy plays the same evaluation episodes");
    }

    @Test
    void aStoppedAndResumedRunEndsWithTheSamePolicyAndValues() throws IOException {
        Scenario s = ScenarioLoader.load(PI, List.of("checkpoint.every=1", "eval.episodes=10"));
        RunFolder whole = RunFolder.create(dir.resolve("whole"), s.name());
        Runner.writeScenario(s, whole);
        try (Runner runner = new Runner(s, whole)) {
            runner.run();
        }
        RunFolder parts = RunFolder.create(dir.resolve("parts"), s.name());
        Runner.writeScenario(s, parts);
        try (Runner first = new Runner(s, parts)) {
            first.addListener((done, metrics, last) -> {
                if (done >= 2) {
                    first.requestStop();
                }
            });
            assertEquals(2, first.run().done());
        }
        try (Runner second = new Runner(ScenarioLoader.load(parts.scenario(), List.of()), parts)) {
            assertEquals(2, second.resume());
            second.run();
        }
        TrainerState a = TrainerState.read(whole.latestCheckpoint().orElseThrow());
        TrainerState b = TrainerState.read(parts.latestCheckpoint().orElseThrow());
        assertEquals(a.scalar("iterations"), b.scalar("iterations"));
        assertArrayEquals(a.longs("policy"), b.longs("policy"));
        assertArrayEquals(a.doubles("values"), b.doubles("values"));
    }
}
