package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a new user meets it: a fresh copy of the checkout (the files a clone holds: tracked and
 * not-ignored ones, no build outputs), called from the user's own folder, by path and through a symlink on the
 * PATH. It builds itself on first use, reads the user's scenario files by their relative paths, writes run folders
 * where the user is (or where {@code --runs} and {@code JDIVE_RUNS} say), finds the shipped MNIST from anywhere, and
 * leaves nothing in the checkout but its build.
 */
class LauncherTest {

    private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path temp;

    private static Path clone;
    private static Path user;

    /** Copies the checkout's files as git lists them; the first command run from it builds it. */
    @BeforeAll
    static void freshCopy() throws Exception {
        assumeTrue(Files.isDirectory(CHECKOUT.resolve(".git")), "not a git checkout: " + CHECKOUT);
        clone = temp.resolve("jdive");
        user = temp.resolve("home").resolve("work");
        Files.createDirectories(user);
        Result files = exec(CHECKOUT, Map.of(), "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        assertEquals(0, files.code, files.output);
        for (String name : files.output.split("\0")) {
            Path source = CHECKOUT.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(source)) {
                continue; // deleted in the working tree but not yet in the index
            }
            Path target = clone.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertTrue(Files.isExecutable(clone.resolve("jdive")), "the launcher keeps its executable bit");
        Result list = jdive(Map.of(), "list");
        assertEquals(0, list.code, list.output);
        assertTrue(list.output.contains("jdive: building"), "the first command builds: " + list.output);
        assertTrue(list.output.contains("CartPole-v1") && list.output.contains("dqn"), list.output);
    }

    @Test
    void runsTheUsersScenarioByItsRelativePathAndWritesRunsWhereTheUserIs() throws Exception {
        Files.writeString(user.resolve("my.yaml"), """
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 300
                eval:
                  every: 100
                  episodes: 20
                """);
        Result run = jdive(Map.of(), "run", "my.yaml", "--quiet");
        assertEquals(0, run.code, run.output);
        assertFalse(run.output.contains("jdive: building"), "built once: " + run.output);
        assertEquals(1, folders(user.resolve("runs")).size(), run.output);
        assertTrue(Files.exists(folders(user.resolve("runs")).getFirst().resolve("summary.json")));
        assertFalse(Files.exists(clone.resolve("runs")), "nothing written into the checkout");

        Result elsewhere = jdive(Map.of("JDIVE_RUNS", temp.resolve("from-env").toString()), "run", "my.yaml", "--quiet");
        assertEquals(0, elsewhere.code, elsewhere.output);
        assertEquals(1, folders(temp.resolve("from-env")).size());

        Result option = jdive(Map.of("JDIVE_RUNS", temp.resolve("from-env").toString()), "run", "my.yaml", "--quiet",
                "--runs", "mine");
        assertEquals(0, option.code, option.output);
        assertEquals(1, folders(user.resolve("mine")).size(), "--runs wins over JDIVE_RUNS, relative to the user's folder");

        Path run1 = folders(user.resolve("runs")).getFirst();
        Result eval = jdive(Map.of(), "eval", user.relativize(run1).toString(), "--episodes", "5");
        assertEquals(0, eval.code, eval.output);

        Result missing = jdive(Map.of(), "run", "nothere.yaml");
        assertEquals(2, missing.code, missing.output);
        assertTrue(missing.output.contains("no scenario file nothere.yaml"), missing.output);
    }

    @Test
    void findsTheShippedMnistFromTheUsersFolder() throws Exception {
        Result run = jdive(Map.of(), "run", clone.resolve("scenarios/dcgan-mnist.yaml").toString(), "--quiet",
                "--set", "budget.epochs=1", "--set", "data.images=64", "--set", "model.width=4",
                "--set", "model.batch_size=16", "--set", "eval.samples=16");
        assertEquals(0, run.code, run.output);
        assertEquals(1, folders(user.resolve("runs")).stream().filter(p -> p.getFileName().toString().startsWith("dcgan")).count());
    }

    @Test
    void putsSparkOnTheClassPathOnlyForTheSparkExecutor() throws Exception {
        Files.writeString(user.resolve("base.yaml"), """
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 200
                eval:
                  episodes: 10
                """);
        Files.writeString(user.resolve("sweep.yaml"), """
                scenario: base.yaml
                space:
                  agent.alpha: {choice: [0.1, 0.5]}
                searcher: grid
                """);
        Result local = jdive(Map.of(), "sweep", "sweep.yaml", "--runs", "local-sweeps", "--executor", "spark",
                "--master", "local[1]", "--jobs", "0");
        assertEquals(2, local.code, "--jobs 0 is a usage error: " + local.output);
        Result spark = jdive(Map.of(), "sweep", "sweep.yaml", "--runs", "spark-sweeps", "--executor", "spark",
                "--master", "local[1]");
        assertEquals(0, spark.code, spark.output);
        assertTrue(spark.output.contains("best configuration:"), spark.output);
        assertFalse(spark.output.contains("SLF4J"), "one logging binding on the class path: " + spark.output);
        Result without = jdive(Map.of("JDIVE_JAVA_OPTS", "-verbose:class"), "list");
        assertFalse(without.output.contains("org.apache.spark"), "no Spark class loaded without --executor spark");
    }

    @Test
    void worksThroughASymlinkOnThePath() throws Exception {
        Path bin = temp.resolve("bin");
        Files.createDirectories(bin);
        Files.createSymbolicLink(bin.resolve("jdive"), clone.resolve("jdive"));
        Result doctor = exec(user, Map.of("PATH", bin + ":" + System.getenv("PATH"), "JAVA_HOME", javaHome()), "bash", "-c", "jdive doctor");
        assertEquals(0, doctor.code, doctor.output);
        assertTrue(doctor.output.contains("cpu"), doctor.output);
    }

    private record Result(int code, String output) {
    }

    /** The copy's launcher, called by its path from the user's folder. */
    private static Result jdive(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(clone.resolve("jdive").toString()));
        command.addAll(List.of(args));
        Map<String, String> withJdk = new java.util.HashMap<>(env);
        withJdk.put("JAVA_HOME", javaHome());
        return exec(user, withJdk, command.toArray(String[]::new));
    }

    /** The JDK running this test (≥ 21, as the build requires), so the launcher need not search for one. */
    private static String javaHome() {
        return System.getProperty("java.home");
    }

    private static Result exec(Path workDir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JDIVE_RUNS");
        builder.environment().putAll(env);
        Process p = builder.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static List<Path> folders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }
}
