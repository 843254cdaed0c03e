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

/** {@code jdive sample RUN --prefix TEXT} on a language model's run: the prefix continued, printed and written. */
class LanguageModelCommandsTest {

    @TempDir
    Path dir;

    @Test
    void sampleContinuesThePrefixAndPrintsIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path runs = dir.resolve("runs");
        assertEquals(0, Main.run(new String[] {"run", "../scenarios/d2l/rnn-lm.yaml", "--runs", runs.toString(), "--quiet",
            "--set", "budget.epochs=1", "--set", "data.num_train=600", "--set", "data.num_val=100"}, print, print),
                out.toString(StandardCharsets.UTF_8));
        Path run;
        try (Stream<Path> s = Files.list(runs)) {
            run = s.findFirst().orElseThrow();
        }
        out.reset();
        assertEquals(0, Main.run(new String[] {"sample", run.toString(), "--prefix", "time traveller", "--n", "10"}, print,
                print), out.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        Path file = run.resolve("samples").resolve("continuation.txt");
        assertEquals(file.toString(), lines.getFirst());
        assertTrue(lines.get(1).startsWith("time traveller") && lines.get(1).length() == 24, lines.get(1));
        assertEquals(lines.get(1) + "\n", Files.readString(file));
    }
}
