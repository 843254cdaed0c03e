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

/** {@code jdive translate RUN TEXT} on a seq2seq run: the same as {@code sample --option source=TEXT}. */
class TranslateCommandTest {

    @TempDir
    Path dir;

    @Test
    void translatesTheSentenceAsSampleWithASourceDoes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path runs = dir.resolve("runs");
        assertEquals(0, Main.run(new String[] {"run", "../scenarios/d2l/seq2seq-gru.yaml", "--runs", runs.toString(),
            "--quiet", "--set", "budget.epochs=1", "--set", "data.num_train=64", "--set", "data.num_val=16",
            "--set", "model.embed_size=32", "--set", "model.num_hiddens=32"}, print, print), out.toString(StandardCharsets.UTF_8));
        Path run;
        try (Stream<Path> s = Files.list(runs)) {
            run = s.findFirst().orElseThrow();
        }
        String translated = command(out, print, "translate", run.toString(), "i'm home .", "--out", dir.resolve("t").toString());
        String sampled = command(out, print, "sample", run.toString(), "--option", "source=i'm home .", "--out",
                dir.resolve("t").toString());
        assertEquals(sampled, translated);
        assertTrue(translated.contains("i'm home ."), translated);

        String beam = command(out, print, "translate", run.toString(), "go .", "--beam", "2", "--out",
                dir.resolve("b").toString());
        assertTrue(beam.contains("go ."), beam);

        out.reset();
        assertEquals(2, Main.run(new String[] {"translate", run.toString(), "go .", "--beam", "zero"}, print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("beam"), out.toString(StandardCharsets.UTF_8));
    }

    private static String command(ByteArrayOutputStream out, PrintStream print, String... args) {
        out.reset();
        assertEquals(0, Main.run(args, print, print), out.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines);
    }
}
