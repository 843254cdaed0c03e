package org.jdive.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.core.backend.Backends;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;

/**
 * Runs from plain Java: what the command, a suite, an executor on another machine or a user's own program call.
 *
 * <pre>{@code
 * Scenario s = ScenarioLoader.load(Path.of("cartpole-dqn.yaml"), List.of("seed=3"));
 * Runner.Result r = Runs.start(s, Path.of("runs"));           // a new run folder under runs/
 * Runner.Result again = Runs.run(s, RunFolder.open(folder));  // continues it from its latest checkpoint
 * }</pre>
 *
 * A run's folder is the whole of its state: running the same scenario into the same folder again continues from the
 * latest checkpoint (bit for bit on the CPU backend), and a run that has ended returns its result at once. That is
 * what makes a run safe to retry wherever it was cut short.
 */
public final class Runs {

    private Runs() {
    }

    /** Starts {@code scenario} in a new folder under {@code root} and runs it to the end of its budget. */
    public static Runner.Result start(Scenario scenario, Path root) throws IOException {
        return run(scenario, RunFolder.create(root, scenario.name()), new AtomicBoolean());
    }

    /** Runs {@code scenario} in {@code folder} to the end, continuing what the folder holds (see the class comment). */
    public static Runner.Result run(Scenario scenario, RunFolder folder) throws IOException {
        return run(scenario, folder, new AtomicBoolean());
    }

    /**
     * Runs {@code scenario} in {@code folder} until its budget is spent or {@code stop} is set (then with a checkpoint
     * to continue from). A folder without a scenario gets this one; a folder that holds another scenario is refused.
     * The scenario's backend becomes the default backend of this JVM.
     *
     * @throws IllegalArgumentException when {@code folder} holds a run of a different scenario
     */
    public static Runner.Result run(Scenario scenario, RunFolder folder, AtomicBoolean stop) throws IOException {
        return runUntil(scenario, folder, Long.MAX_VALUE, stop);
    }

    /**
     * Runs as {@link #run(Scenario, RunFolder, AtomicBoolean)} does but pauses once {@code units} budget units are
     * done, with an evaluation and a checkpoint there ({@link Runner#runUntil}): how a sweep takes a trial to a rung.
     */
    public static Runner.Result runUntil(Scenario scenario, RunFolder folder, long units, AtomicBoolean stop)
            throws IOException {
        if (Files.exists(folder.scenario())) {
            String held = ScenarioLoader.load(folder.scenario(), List.of()).toYaml();
            if (!held.equals(scenario.toYaml())) {
                throw new IllegalArgumentException(folder.path() + " holds a run of another scenario; run this one in a "
                        + "new folder");
            }
        } else {
            Files.createDirectories(folder.checkpoints());
            Runner.writeScenario(scenario, folder);
        }
        Backends.setDefault(Backends.get(scenario.text("backend")));
        try (Runner runner = new Runner(scenario, folder, stop)) {
            runner.resume();
            return runner.runUntil(units);
        }
    }
}
