package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdive.cli.run.RunFolder;
import org.jdive.cli.scenario.Scenario;
import org.jdive.cli.scenario.ScenarioLoader;
import org.jdive.cli.train.Actor;
import org.jdive.cli.train.Trainer;
import org.jdive.cli.train.TrainerState;
import org.jdive.cli.train.rl.RlKeys;
import org.jdive.envs.Env;
import org.jdive.envs.Frame;
import org.jdive.rendering.DisplayUnavailableException;
import org.jdive.rendering.PlayWindow;
import org.jdive.rendering.play.HumanControls;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive play FILE|RUN}: a run's trained agent, a random policy or a human, in a window or to a GIF. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Watch an agent play in a window, or record it to a GIF (no display needed).",
                "RUN plays the greedy policy of the run's latest checkpoint; FILE plays randomly, or you with --human."})
final class PlayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE|RUN", description = "A scenario file or a run folder.")
    Path target;

    @Option(names = "--human", description = "Play yourself (arrow keys and space).")
    boolean human;

    @Option(names = "--record", paramLabel = "FILE.gif", description = "Record a GIF instead of opening a window.")
    Path record;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "300", description = "Steps to record (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--speed", paramLabel = "STEPS/S", defaultValue = "15", description = "Steps per second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || !(speed > 0)) {
            throw new Main.UsageException("play: --steps must be >= 1 and --speed > 0");
        }
        boolean isRun = Files.isDirectory(target);
        RunFolder folder = isRun ? Main.openRun(target) : null;
        if (!isRun && !Files.isRegularFile(target)) {
            throw new Main.UsageException("play: no scenario file or run folder " + target);
        }
        Scenario scenario = ScenarioLoader.load(isRun ? folder.scenario() : target, List.of());
        if (!scenario.has(RlKeys.ENV_ID.path())) {
            throw new Main.UsageException("play: " + scenario.name() + " trains " + scenario.kind().name()
                    + ", which has no environment to watch");
        }
        String envId = scenario.text(RlKeys.ENV_ID.path());
        try (Env env = RlKeys.makeEnv(scenario); Trainer trainer = isRun ? scenario.kind().create(scenario) : null) {
            Policy policy;
            if (human) {
                policy = HumanControls.forEnv(envId);
            } else if (trainer instanceof Actor actor) {
                trainer.restore(TrainerState.read(folder.latestCheckpoint().orElseThrow(
                        () -> new Main.UsageException(target + " has no checkpoint to play yet"))));
                policy = actor.policy()::act;
            } else {
                policy = Policy.random(env, scenario.seed());
            }
            return show(new Scene(new PlaySession(envId, env, policy, speed, scenario.seed())), env, envId);
        }
    }

    private int show(Scene scene, Env env, String envId) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Frame first = env.render();
        int scale = Math.max(1, 640 / Math.max(first.width(), first.height()));
        if (record != null) {
            Recorder.recordGif(scene, steps, scale, Math.max(2, (int) Math.round(100 / speed)), record);
            out.printf("recorded %d steps of %s to %s%n", steps, envId, record);
            out.flush();
            return 0;
        }
        try (PlayWindow window = PlayWindow.open(scene, first.width() * scale, first.height() * scale,
                "jdive - " + envId, Path.of("."))) {
            window.run();
        } catch (DisplayUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return 0;
    }
}
