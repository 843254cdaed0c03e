package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdive.agents.Actor;
import org.jdive.agents.kinds.RlKeys;
import org.jdive.cli.play.AgentOverlays;
import org.jdive.engine.RunFolder;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.scenario.TrainerKind.Untrained;
import org.jdive.engine.train.Trainer;
import org.jdive.envs.Env;
import org.jdive.envs.Frame;
import org.jdive.rendering.DisplayUnavailableException;
import org.jdive.rendering.PlayWindow;
import org.jdive.rendering.overlay.GridGeometry;
import org.jdive.rendering.overlay.StateValues;
import org.jdive.rendering.overlay.ValueView;
import org.jdive.rendering.play.HumanControls;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.GifEncoder;
import org.jdive.rendering.record.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdive play FILE|RUN}: a run's trained agent, a planner or learner from scratch, a random policy or a human,
 * in a window or to a GIF.
 */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Watch an agent play in a window, or record it to a GIF (no display needed).",
                "RUN: the greedy policy of the run's best checkpoint (else its latest; --checkpoint picks another), "
                        + "with its values (tabular) or Q-value bars (DQN).",
                "FILE: value or policy iteration planned and shown step by step, tabular TD learning live, or a random policy.",
                "--human lets you play."})
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

    @Option(names = "--scale", paramLabel = "N", description = "Pixels per env pixel (default: as many as fit 640 px).")
    Integer scale;

    @Option(names = "--no-hud", description = "Start with the HUD hidden (H shows it).")
    boolean noHud;

    @Option(names = "--every", paramLabel = "K", defaultValue = "1", description = "--record: keep every K-th "
            + "step's frame, for smaller GIFs of long episodes (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--checkpoint", paramLabel = "best|latest|UNITS", description = "RUN: " + Main.CHECKPOINT_HELP)
    String checkpoint;

    @Option(names = "--sweeps", paramLabel = "N", defaultValue = "12", description = "FILE of a planner (value "
            + "or policy iteration): plan, then show N sweeps or iterations one by one (the first N-1 and the last) "
            + "before the greedy policy walks (default: ${DEFAULT-VALUE}).")
    int sweeps;

    @Option(names = "--learn", paramLabel = "N", defaultValue = "10", description = "FILE of a tabular learner "
            + "(q-learning, sarsa, ...): train N episodes per step watched, so the values and the greedy policy "
            + "improve live (default: ${DEFAULT-VALUE}).")
    int learn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || !(speed > 0) || sweeps < 2 || learn < 1 || every < 1 || (scale != null && scale < 1)) {
            throw new Main.UsageException("play: --steps, --learn, --every and --scale must be >= 1, --speed > 0 "
                    + "and --sweeps >= 2");
        }
        boolean isRun = Files.isDirectory(target);
        RunFolder folder = isRun ? Main.openRun(target) : null;
        Path scenarioFile = isRun ? folder.scenario() : Main.existingFile(target, "play", "scenario file or run folder");
        if (checkpoint != null && !isRun) {
            throw new Main.UsageException("play: --checkpoint picks a checkpoint of a run folder; " + target + " is a file");
        }
        Scenario scenario = ScenarioLoader.load(scenarioFile, List.of());
        if (!scenario.has(RlKeys.ENV_ID.path())) {
            throw new Main.UsageException("play: " + scenario.name() + " trains " + scenario.kind().name()
                    + ", which has no environment to watch");
        }
        String envId = scenario.text(RlKeys.ENV_ID.path());
        Untrained untrained = scenario.kind().untrained();
        boolean agentPlays = !human && (isRun || untrained != Untrained.RANDOM);
        try (Env env = RlKeys.makeEnv(scenario); Trainer trainer = agentPlays ? scenario.kind().create(scenario) : null) {
            if (!(trainer instanceof Actor actor)) {
                Policy policy = human ? HumanControls.forEnv(envId) : Policy.random(env, scenario.seed());
                return show(new Scene(session(envId, env, policy, scenario)), null, env, scenario);
            }
            if (isRun) {
                trainer.restore(Main.loadCheckpoint(folder, checkpoint, spec.commandLine().getErr()).state());
                Scene scene = new Scene(session(envId, env, actor.policy()::action, scenario));
                return show(AgentOverlays.attachLive(scene, actor, env, scenario.kind().unit()), null, env, scenario);
            }
            if (untrained == Untrained.PLAN_THEN_PLAY) {
                List<StateValues> planned = AgentOverlays.planSweeps(trainer, actor, sweeps, scenario.kind().unit());
                Scene scene = new Scene(session(envId, env, actor.policy()::action, scenario));
                ValueView view = AgentOverlays.isGrid(env) ? ValueView.sweeps(GridGeometry.of(env), planned) : null;
                return show(view == null ? scene : scene.withValues(view), view, env, scenario);
            }
            Policy learning = observation -> {
                trainer.train(learn);
                return actor.policy().action(observation);
            };
            Scene scene = new Scene(session(envId, env, learning, scenario));
            return show(AgentOverlays.attachLive(scene, actor, env, scenario.kind().unit()), null, env, scenario);
        }
    }

    private PlaySession session(String envId, Env env, Policy policy, Scenario scenario) {
        PlaySession session = new PlaySession(envId, env, policy, speed, scenario.seed());
        if (noHud) {
            session.apply(org.jdive.rendering.play.Command.TOGGLE_HUD);
        }
        return session;
    }

    /**
     * Records: first each planned sweep (when {@code sweepsToRecord} is not null) for half a second, then
     * {@code --steps} steps. Or opens the window, paused on the first sweep when there are sweeps to look at.
     */
    private int show(Scene scene, ValueView sweepsToRecord, Env env, Scenario scenario) throws Exception {
        String envId = scenario.text(RlKeys.ENV_ID.path());
        PrintWriter out = spec.commandLine().getOut();
        Frame first = env.render();
        int scale = this.scale != null ? this.scale : Math.max(1, 640 / Math.max(first.width(), first.height()));
        if (record != null) {
            List<Frame> frames = new ArrayList<>();
            if (sweepsToRecord != null) {
                int framesPerSweep = Math.max(1, (int) Math.round(speed / 2));
                for (int k = 0; k < sweepsToRecord.size(); k++) {
                    Frame sweep = scene.compose(scale);
                    for (int i = 0; i < framesPerSweep; i++) {
                        frames.add(sweep);
                    }
                    sweepsToRecord.move(1);
                }
            }
            List<Frame> played = Recorder.record(scene, steps, scale);
            for (int i = 0; i < played.size(); i += every) {
                frames.add(played.get(i));
            }
            GifEncoder.write(record, frames, Math.max(2, (int) Math.round(100 * every / speed)));
            out.printf("recorded %d steps of %s to %s%n", steps, envId, record);
            out.flush();
            return 0;
        }
        if (sweepsToRecord != null) {
            scene.session().apply(org.jdive.rendering.play.Command.TOGGLE_PAUSE);
            out.printf("%s: planned; ] and [ step through its %s (%d shown), space starts the greedy walk%n",
                    scenario.kind().name(), scenario.kind().unit(), sweepsToRecord.size());
            out.flush();
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
