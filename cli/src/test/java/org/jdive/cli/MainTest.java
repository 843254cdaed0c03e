package org.jdive.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.agents.Actor;
import org.jdive.agents.kinds.RlKeys;
import org.jdive.cli.play.AgentOverlays;
import org.jdive.cli.play.GifFrames;
import org.jdive.engine.RunFolder;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.envs.Env;
import org.jdive.envs.Frame;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's exit codes and messages, which scripts rely on. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        assertEquals(0, run("--help"));
        for (String command : List.of("run", "eval", "play", "list", "doctor", "demo", "report")) {
            assertTrue(out().contains(command), out());
        }
        assertTrue(out().contains("130"), out());
        assertEquals(0, run("run", "--help"));
        assertTrue(out().contains("--resume"), out());
        assertEquals(2, run(), "no command is a usage error");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertEquals(2, run("fly"));
        assertTrue(err().contains("Unmatched argument at index 0: 'fly'"), err());
        assertEquals(2, run("demo", "--seed", "x"));
        assertTrue(err().contains("Invalid value for option '--seed'"), err());
        assertEquals(2, run("run"), "run needs a file or --resume");
        assertEquals(2, run("run", "nowhere.yaml", "--runs", dir.toString()));
        assertTrue(err().contains("no scenario file nowhere.yaml"), err());
        assertEquals(2, run("bench", "nowhere.yaml", "--runs", dir.toString()));
        assertTrue(err().contains("no suite file nowhere.yaml"), err());
        Path suite = Path.of("..", "scenarios", "suites", "tabular.yaml");
        assertEquals(2, run("bench", suite.toString(), "--resume", dir.resolve("gone").toString()));
        assertTrue(err().contains("no bench folder " + dir.resolve("gone")), err());
        assertEquals(2, run("bench", suite.toString(), "--resume", dir.toString(), "--runs", dir.toString()));
        assertTrue(err().contains("mutually exclusive"), err());
        assertEquals(2, run("bench", suite.toString(), "--runs", "hdfs://namenode:8020/jdive"));
        assertTrue(err().contains("--runs is the driver's own folder, not a URI (hdfs://...)")
                && err().contains("--store hdfs://NAMENODE:8020/jdive"), err());
        assertEquals(2, run("bench", suite.toString(), "--runs", dir.toString(), "--store", "driver"));
        assertTrue(err().contains("--store is an option of --executor spark"), err());
        assertEquals(2, run("run", "--resume", dir.toString(), "--set", "seed=1"));
        assertTrue(err().contains("--set cannot change it"), err());
        assertEquals(2, run("report", dir.toString()));
        assertTrue(err().contains(dir + " is not a folder jdive wrote: expected a run folder"), err());
        assertEquals(2, run("report", dir.resolve("gone").toString()));
        assertTrue(err().contains("no folder " + dir.resolve("gone")), err());
    }

    @Test
    void anInvalidScenarioExitsWith2AndListsEveryProblem() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "env:\n  id: FrozenLake-v1\nagent:\n  kind: q-learning\n  alpah: 2\nseed: -1\n");
        assertEquals(2, run("run", file.toString(), "--runs", dir.resolve("runs").toString()));
        assertTrue(err().contains("2 problems in the scenario"), err());
        assertTrue(err().contains("bad.yaml:5:3: agent.alpah: unknown key. Did you mean 'alpha'?"), err());
        assertTrue(err().contains("bad.yaml:6:1: seed: must be >= 0, got -1"), err());
        assertTrue(Files.notExists(dir.resolve("runs")), "nothing starts until the scenario is valid");
    }

    @Test
    void runWritesARunFolderThatEvalAndResumeRead() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/frozenlake-qlearning.yaml", "--runs", runs.toString(),
                "--set", "budget.episodes=300", "--set", "eval.every=0", "--set", "checkpoint.every=100"), err());
        assertTrue(out().contains("done: 300 episodes"), out());
        Path folder;
        try (Stream<Path> s = Files.list(runs)) {
            folder = s.findFirst().orElseThrow();
        }
        assertEquals(0, run("eval", folder.toString(), "--episodes", "20"), err());
        assertTrue(out().contains("after 300 episodes") && out().contains("mean_return"), out());
        assertEquals(0, run("run", "--resume", folder.toString()), err());
        assertTrue(out().contains("continuing after 300 episodes"), out());
        assertEquals(2, run("run", "--resume", dir.toString()));
        assertTrue(err().contains("is not a run folder"), err());
        assertEquals(2, run("sample", folder.toString()));
        assertTrue(err().contains("trained agent.kind q-learning, which draws no samples"), err());
    }

    @Test
    void evalAndPlayLoadTheBestCheckpointUnlessToldOtherwise() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/frozenlake-qlearning.yaml", "--runs", runs.toString(), "--quiet",
                "--set", "budget.episodes=1000", "--set", "eval.every=200", "--set", "eval.episodes=50",
                "--set", "checkpoint.every=200"), err());
        Path folder;
        try (Stream<Path> s = Files.list(runs)) {
            folder = s.findFirst().orElseThrow();
        }
        String summary = Files.readString(folder.resolve(RunFolder.SUMMARY));
        var best = java.util.regex.Pattern.compile("\"best_eval_mean_return\":([^,]+),\"best_eval_at\":(\\d+)")
                .matcher(summary);
        assertTrue(best.find(), summary);
        assertTrue(summary.contains("\"best_checkpoint\":\"checkpoints/best.state\""), summary);

        assertEquals(0, run("eval", folder.toString()), err());
        assertTrue(out().contains("after " + best.group(2) + " episodes (checkpoint checkpoints/best.state)"), out());
        assertTrue(out().contains(String.format(java.util.Locale.ROOT, "mean_return  %.4f",
                Double.parseDouble(best.group(1)))), "eval reproduces the recorded best mean: " + summary + "\n" + out());
        assertEquals(0, run("eval", folder.toString(), "--checkpoint", "latest", "--episodes", "5"), err());
        assertTrue(out().contains("after 1000 episodes (checkpoint checkpoints/000000001000.state)"), out());
        assertEquals(2, run("eval", folder.toString(), "--checkpoint", "newest"));
        assertTrue(err().contains("no checkpoint 'newest': name one as best, latest or a number of budget units done")
                && err().contains("has best, 800, 1000"), err());
        Path gif = dir.resolve("best.gif");
        assertEquals(0, run("play", folder.toString(), "--checkpoint", "best", "--record", gif.toString(), "--steps", "3"),
                err());
        assertTrue(Files.size(gif) > 0);
    }

    @Test
    void evalPlaysEpsilonGreedyEpisodesRepeatablyWhenAsked() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/frozenlake-vi.yaml", "--runs", runs.toString(), "--quiet",
                "--set", "env.options.is_slippery=false"), err());
        Path folder;
        try (Stream<Path> s = Files.list(runs)) {
            folder = s.findFirst().orElseThrow();
        }
        assertEquals(0, run("eval", folder.toString(), "--episodes", "200"), err());
        assertTrue(out().contains("mean_return  1.0000"),
                "the optimal deterministic policy always reaches the goal: " + out());
        assertEquals(0, run("eval", folder.toString(), "--episodes", "200", "--epsilon", "1"), err());
        double random = meanReturn(out());
        assertTrue(random < 0.1, "a uniformly random walk rarely reaches the goal (about 1.5 % of episodes): " + out());
        assertEquals(0, run("eval", folder.toString(), "--episodes", "200", "--epsilon", "0.3"), err());
        double some = meanReturn(out());
        assertTrue(some > random && some < 1, out());
        assertEquals(0, run("eval", folder.toString(), "--episodes", "200", "--epsilon", "0.3"), err());
        assertEquals(some, meanReturn(out()), "the random actions come from the scenario's seed");
        assertEquals(2, run("eval", folder.toString(), "--epsilon", "1.5"));
        assertTrue(err().contains("eval.epsilon") && err().contains("got 1.5"), err());
    }

    private static double meanReturn(String evalOutput) {
        var m = java.util.regex.Pattern.compile("mean_return +([0-9.]+)").matcher(evalOutput);
        assertTrue(m.find(), evalOutput);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void listNamesEnvsAgentsAndBackends() {
        assertEquals(0, run("list"));
        assertTrue(out().contains("FrozenLake-v1") && out().contains("q-learning") && out().contains("value-iteration")
                && out().contains("cpu"), out());
    }

    @Test
    void playRecordsARunsTrainedAgentWithoutADisplay() throws IOException {
        Path runs = dir.resolve("runs");
        assertEquals(0, run("run", "../scenarios/frozenlake-vi.yaml", "--runs", runs.toString(), "--quiet"), err());
        Path folder;
        try (Stream<Path> s = Files.list(runs)) {
            folder = s.findFirst().orElseThrow();
        }
        Path gif = dir.resolve("play.gif");
        assertEquals(0, run("play", folder.toString(), "--record", gif.toString(), "--steps", "20"), err());
        assertTrue(Files.size(gif) > 0 && out().contains("recorded 20 steps of FrozenLake-v1"), out());
        assertEquals(2, run("play", dir.resolve("none.yaml").toString()));
        assertTrue(err().contains("no scenario file or run folder"), err());
    }

    private Path trainedRun(String scenario) throws IOException {
        Path runs = dir.resolve("runs-" + scenario);
        assertEquals(0, run("run", "../scenarios/" + scenario + ".yaml", "--runs", runs.toString(), "--quiet"), err());
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void playRecordsATrainedTabularAgentWithItsValueOverlay() throws Exception {
        Path folder = trainedRun("frozenlake-vi");
        Path gif = dir.resolve("vi.gif");
        assertEquals(0, run("play", folder.toString(), "--record", gif.toString(), "--steps", "4", "--scale", "1"), err());
        List<Frame> frames = GifFrames.read(gif);
        assertEquals(5, frames.size());

        // the same scene, built here from the run's checkpoint: the GIF holds exactly what it composes
        Scenario scenario = ScenarioLoader.load(folder.resolve("scenario.yaml"), List.of());
        try (Env env = RlKeys.makeEnv(scenario); Trainer trainer = scenario.kind().create(scenario)) {
            trainer.restore(TrainerState.read(RunFolder.open(folder).latestCheckpoint().orElseThrow()));
            Actor actor = (Actor) trainer;
            var session = new PlaySession("FrozenLake-v1", env, actor.policy()::action, 15, scenario.seed());
            Scene scene = AgentOverlays.attachLive(new Scene(session), actor, env, "sweeps");
            Frame expected = scene.compose(1);
            assertArrayEquals(expected.rgb(), frames.get(0).rgb(), "the first frame is the scene with its overlays");

            // and the overlay is there: the heat map tints most of the bare env frame
            env.reset(scenario.seed());
            byte[] bare = env.render().rgb();
            int differing = 0;
            for (int p = 0; p < bare.length / 3; p++) {
                if (bare[3 * p] != expected.rgb()[3 * p] || bare[3 * p + 1] != expected.rgb()[3 * p + 1]) {
                    differing++;
                }
            }
            assertTrue(differing > bare.length / 3 / 2, differing + " of " + bare.length / 3 + " pixels differ");
        }
    }

    @Test
    void playOfAPlannersFileShowsItsSweepsThenTheGreedyWalk() throws IOException {
        Path gif = dir.resolve("sweeps.gif");
        assertEquals(0, run("play", "../scenarios/frozenlake-vi.yaml", "--record", gif.toString(), "--steps", "3",
                "--speed", "4", "--sweeps", "4", "--scale", "1", "--no-hud"), err());
        List<Frame> frames = GifFrames.read(gif);
        assertEquals(4 * 2 + 4, frames.size(), "4 sweeps of 2 frames each at 4 steps/s, then 3 steps");
        assertArrayEquals(frames.get(0).rgb(), frames.get(1).rgb(), "a sweep holds for half a second");
        assertFalse(java.util.Arrays.equals(frames.get(0).rgb(), frames.get(2).rgb()), "the next sweep changes values");
        assertArrayEquals(frames.get(6).rgb(), frames.get(8).rgb(), "the walk starts on the last sweep's picture");
    }

    @Test
    void playOfATdLearnersFileShowsItLearningLive() throws IOException {
        Path gif = dir.resolve("live.gif");
        assertEquals(0, run("play", "../scenarios/cliffwalking-qlearning.yaml", "--record", gif.toString(), "--steps", "10",
                "--learn", "5", "--scale", "1", "--no-hud"), err());
        List<Frame> frames = GifFrames.read(gif);
        Frame before = frames.getFirst();
        Frame after = frames.getLast();
        int topRow = before.width() * (before.height() / 4);   // the grid's top row of cells: no walker, only values
        int differing = 0;
        for (int p = 0; p < topRow; p++) {
            if (before.rgb()[3 * p] != after.rgb()[3 * p] || before.rgb()[3 * p + 2] != after.rgb()[3 * p + 2]) {
                differing++;
            }
        }
        assertTrue(differing > topRow / 4, "50 episodes of learning recolour the values: " + differing + " of " + topRow);
    }

    @Test
    void evalRecordsItsFirstEpisodeToAGif() throws IOException {
        Path folder = trainedRun("cliffwalking-qlearning");
        Path gif = dir.resolve("eval.gif");
        assertEquals(0, run("eval", folder.toString(), "--gif", gif.toString()), err());
        var length = java.util.regex.Pattern.compile("mean_length +([0-9.]+)").matcher(out());
        assertTrue(length.find(), out());
        int steps = (int) Double.parseDouble(length.group(1));
        assertTrue(out().contains("recorded the first evaluation episode (" + steps + " steps)"), out());
        assertEquals(steps + 1, GifFrames.read(gif).size(), "the reset frame and one per step");
        assertEquals(2, run("eval", folder.toString(), "--checkpoint", "7"));
        assertTrue(err().contains("no checkpoint after 7"), err());
    }

    @Test
    void demoLearnsD2lsLinearRegression() {
        assertEquals(0, run("demo", "--seed", "1"));
        var m = java.util.regex.Pattern.compile("epoch 3, loss ([0-9.]+)").matcher(out());
        assertTrue(m.find(), out());
        assertTrue(Double.parseDouble(m.group(1)) < 1e-3, out());
        assertTrue(out().contains("accuracy"), out());
    }

    @Test
    void doctorNamesTheCpuBackend() {
        assertEquals(0, run("doctor"));
        assertTrue(out().contains("backend   cpu     ok"), out());
    }
}
