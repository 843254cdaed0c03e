package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable archive as a user meets it (the dist module builds it before this module's tests): unpacked with
 * {@code tar} into a folder of its own, its {@code bin/jdive} called from another folder runs the shipped
 * scenarios, {@code list} and {@code doctor} from the jars in {@code lib/}, with no Maven and no source in reach.
 */
class ArchiveTest {

    /** The archive's path without its extension ({@code .tar.gz}, {@code .zip}), set by the POM. */
    private static final String ARCHIVE = System.getProperty("jdive.archive", "");

    @TempDir
    static Path temp;

    private static Path home;
    private static Path user;
    private static Path noMaven;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(ARCHIVE + ".tar.gz");
        assumeTrue(Files.isRegularFile(tarball), "no archive at " + tarball + " (built by the dist module)");
        Path installs = Files.createDirectories(temp.resolve("opt"));
        Result untar = exec(installs, Map.of(), "tar", "xzf", tarball.toString());
        assertEquals(0, untar.code, untar.output);
        try (Stream<Path> unpacked = Files.list(installs)) {
            home = unpacked.findFirst().orElseThrow();
        }
        user = Files.createDirectories(temp.resolve("home").resolve("work"));
        // A mvn that fails loudly stands first on the PATH: the installed tool must never build.
        noMaven = Files.createDirectories(temp.resolve("no-maven"));
        Path mvn = noMaven.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'mvn was called' >&2\nexit 99\n");
        assertTrue(mvn.toFile().setExecutable(true));
    }

    @Test
    void holdsTheLauncherTheJarsTheScenariosTheDataAndTheLicences() throws Exception {
        assertTrue(Files.isExecutable(home.resolve("bin/jdive")));
        assertTrue(Files.isRegularFile(home.resolve("README.md")));
        assertTrue(Files.isRegularFile(home.resolve("scenarios/cartpole-dqn.yaml")));
        assertTrue(Files.isDirectory(home.resolve("data/mnist")));
        assertFalse(Files.exists(home.resolve("lib/spark")), "Spark only with -Pspark-dist");
        List<String> jars = names(home.resolve("lib"));
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("jdive-cli-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("picocli-")), jars.toString());
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("spark-") || j.startsWith("junit")), jars.toString());
        // Every bundled jar that is not jdive's own has its licence listed.
        String thirdParty = Files.readString(home.resolve("THIRD-PARTY.txt"));
        for (String jar : jars) {
            if (!jar.startsWith("jdive-")) {
                String artifact = jar.replaceFirst("-\\d.*$", "");
                assertTrue(thirdParty.contains(":" + artifact + ":"), jar + " is not in THIRD-PARTY.txt");
            }
        }
    }

    @Test
    void theZipHoldsWhatTheTarballHolds() throws Exception {
        Result listing = exec(temp, Map.of(), "tar", "tzf", ARCHIVE + ".tar.gz");
        assertEquals(0, listing.code, listing.output);
        TreeSet<String> inTar = new TreeSet<>(listing.output.lines().filter(l -> !l.endsWith("/")).toList());
        TreeSet<String> inZip = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ARCHIVE + ".zip")) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> inZip.add(e.getName()));
        }
        assertEquals(inTar, inZip);
    }

    @Test
    void runsAShippedScenarioListAndDoctorFromAnotherFolder() throws Exception {
        Result list = jdive("list");
        assertEquals(0, list.code, list.output);
        assertTrue(list.output.contains("CartPole-v1") && list.output.contains("ppo"), list.output);

        // A shipped scenario by the path it has in the archive, from a folder that has no scenarios/.
        Result run = jdive("run", "scenarios/cartpole-dqn.yaml", "--quiet", "--set", "budget.steps=2000",
                "--set", "agent.learning_starts=500", "--set", "eval.every=1000", "--set", "eval.episodes=2");
        assertEquals(0, run.code, run.output);
        List<String> runs = names(user.resolve("runs"));
        assertEquals(1, runs.size(), run.output);
        assertTrue(Files.isRegularFile(user.resolve("runs").resolve(runs.getFirst()).resolve("summary.json")));
        assertFalse(Files.exists(home.resolve("runs")), "nothing written into the installation");

        Result dcgan = jdive("run", "scenarios/dcgan-mnist.yaml", "--quiet", "--set", "budget.epochs=1",
                "--set", "data.images=64", "--set", "model.width=4", "--set", "model.batch_size=16",
                "--set", "eval.samples=16");
        assertEquals(0, dcgan.code, "the shipped MNIST is found in the installation: " + dcgan.output);

        Result doctor = jdive("doctor");
        assertEquals(0, doctor.code, doctor.output);
        assertTrue(doctor.output.contains("backend   cpu     ok"), doctor.output);

        Result missing = jdive("run", "scenarios/nothere.yaml");
        assertEquals(2, missing.code, missing.output);
        assertTrue(missing.output.contains("no scenario file scenarios/nothere.yaml here or in " + home), missing.output);

        Result test = jdive("test");
        assertEquals(2, test.code, "an installation has no tests to run: " + test.output);
        for (Result r : List.of(list, run, dcgan, doctor, missing, test)) {
            assertFalse(r.output.contains("mvn was called") || r.output.contains("jdive: building"), r.output);
        }
    }

    private record Result(int code, String output) {
    }

    /** The installation's launcher, by its path, from the user's folder, with a PATH on which mvn fails. */
    private static Result jdive(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/jdive").toString()));
        command.addAll(List.of(args));
        return exec(user, Map.of("JAVA_HOME", System.getProperty("java.home"),
                "PATH", noMaven + ":" + System.getenv("PATH")), command.toArray(String[]::new));
    }

    private static Result exec(Path workDir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("JDIVE_RUNS");
        builder.environment().remove("JDIVE_DATA");
        builder.environment().putAll(env);
        Process p = builder.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
