package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jdive.cli.Main;
import org.jdive.engine.scenario.HostileYaml;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** YAML built to exhaust a reader's stack or memory, given to {@code jdive run}: exit 2, one line, nothing written. */
class HostileScenarioFilesTest {

    @TempDir
    Path dir;

    static Stream<HostileYaml.Case> hostile() {
        return HostileYaml.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void exitsWith2InOneLine(HostileYaml.Case c) throws IOException {
        Path file = dir.resolve("hostile.yaml");
        Files.writeString(file, c.text());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", file.toString(), "--runs", dir.resolve("runs").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.contains("hostile.yaml") && message.contains(c.message()), message);
        assertTrue(message.lines().count() <= 2, message); // a headline and the problem, no stack trace
        assertTrue(Files.notExists(dir.resolve("runs")));
    }
}
