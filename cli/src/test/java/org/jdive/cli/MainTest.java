package org.jdive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
        for (String command : List.of("run", "eval", "play", "list", "doctor", "demo")) {
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
        assertEquals(2, run("run", "--resume", dir.toString(), "--set", "seed=1"));
        assertTrue(err().contains("--set cannot change it"), err());
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
