package org.jdive.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code jdive} command in a child JVM of its own, started as the launcher starts it (the Vector API module,
 * native access), on this test's class path: a real process that can be killed with SIGKILL.
 */
final class JdiveProcess {

    private JdiveProcess() {
    }

    /** Starts {@code jdive args...} in {@code workDir}, its output (both streams) going to {@code log}. */
    static Process start(Path workDir, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.jdive.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Runs {@code jdive args...} to its end (at most {@code seconds}); returns the exit code. */
    static int run(Path workDir, Path log, long seconds, String... args) throws IOException, InterruptedException {
        Process p = start(workDir, log, args);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("jdive " + String.join(" ", args) + " did not end within " + seconds + " s; output:\n"
                    + Files.readString(log));
        }
        return p.exitValue();
    }
}
