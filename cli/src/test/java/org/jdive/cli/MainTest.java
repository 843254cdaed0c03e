package org.jdive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command's exit codes and messages, which scripts rely on. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("demo"));
        assertEquals(2, run(), "no command is a usage error");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertEquals(2, run("fly"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'fly'"));
        assertEquals(2, run("demo", "--seed", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seed needs a whole number"));
    }

    @Test
    void demoLearnsD2lsLinearRegression() {
        assertEquals(0, run("demo", "--seed", "1"));
        String text = out.toString(StandardCharsets.UTF_8);
        var m = java.util.regex.Pattern.compile("epoch 3, loss ([0-9.]+)").matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Double.parseDouble(m.group(1)) < 1e-3, text);
        assertTrue(text.contains("accuracy"), text);
    }

    @Test
    void doctorNamesTheCpuBackend() {
        assertEquals(0, run("doctor"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("backend   cpu     ok"));
    }
}
