package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdive.cli.Main;
import org.jdive.engine.RunFolder;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while a run writes a checkpoint, for real: a 1 MiB tmpfs mounted by the test (CI runs as root;
 * elsewhere the test is skipped). The run stops with one line naming the file and the system's reason, the
 * checkpoints written before stay intact, and no temporary file is left behind.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    private Path disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskStopsTheRunWithTheReasonAndKeepsTheCheckpointsBeforeIt() throws Exception {
        Path mountPoint = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
                "cannot mount a tmpfs here (not root?): " + new String(mount.getInputStream().readAllBytes()));
        disk = mountPoint;
        Path scenario = dir.resolve("dqn.yaml"); // outside the small disk
        Files.writeString(scenario, """
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  learning_starts: 200
                  buffer_size: 8000
                  hidden: [16]
                budget:
                  steps: 8000
                log:
                  every: 500
                checkpoint:
                  every: 500
                  keep: 50
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", scenario.toString(), "--quiet", "--runs", disk.resolve("runs").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, message);
        assertTrue(message.matches("(?s)jdive run: cannot write .*" + disk + ".*: No space left on device\\s*"), message);
        assertEquals(1, message.lines().count(), "one line, no stack trace: " + message);

        Path run;
        try (Stream<Path> folders = Files.list(disk.resolve("runs"))) {
            run = folders.findFirst().orElseThrow();
        }
        List<Path> checkpoints = new RunFolder(run).listCheckpoints();
        assertFalse(checkpoints.isEmpty(), "some checkpoints fitted before the disk filled");
        for (Path checkpoint : checkpoints) {
            TrainerState.read(checkpoint); // intact, or this throws naming what is wrong
        }
        try (Stream<Path> files = Files.walk(run)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }
}
