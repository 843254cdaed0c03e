package org.jdive.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier's run through the command (Fashion-MNIST, which CI installs): {@code jdive eval} prints and writes the
 * test split's confusion matrix, {@code jdive sample} draws D2L's grid of test images with their true and predicted
 * classes.
 */
class ClassifierCommandsTest {

    private static final List<String> FASHION = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");

    @TempDir
    static Path shared;

    /** One short seeded run of the dropout MLP, shared by the tests: one epoch on 3,000 images. */
    private static Path run;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void train() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Path runs = shared.resolve("runs");
        int code = Main.run(new String[] {"run", "../scenarios/d2l/mlp-dropout.yaml", "--runs", runs.toString(), "--quiet",
            "--set", "budget.epochs=1", "--set", "data.images=3000"}, new PrintStream(sink, true, StandardCharsets.UTF_8),
                new PrintStream(sink, true, StandardCharsets.UTF_8));
        assertEquals(0, code, sink.toString(StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(runs)) {
            run = s.findFirst().orElseThrow();
        }
    }

    private int jdive(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void evalPrintsAndWritesTheTestSplitsConfusionMatrix() throws IOException {
        assertEquals(0, jdive("eval", run.toString()), err());
        String text = out();
        Matcher accuracy = Pattern.compile("accuracy +([0-9.]+)").matcher(text);
        assertTrue(accuracy.find(), text);
        assertTrue(text.contains("confusion matrix of the 10,000 test images (rows: true class, columns: predicted):"), text);
        String header = text.lines().filter(l -> l.startsWith("true \\ predicted")).findFirst().orElseThrow();
        assertEquals(List.of("true", "\\", "predicted", "t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
                "shirt", "sneaker", "bag", "ankle", "boot"), Arrays.asList(header.trim().split(" +")));

        List<String> csv = Files.readAllLines(run.resolve("confusion.csv"));
        assertEquals(11, csv.size(), "a header and a row per class");
        assertEquals("true\\predicted," + String.join(",", FASHION), csv.getFirst());
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            String[] cells = csv.get(t + 1).split(",");
            assertEquals(FASHION.get(t), cells[0]);
            long row = 0;
            for (int p = 0; p < 10; p++) {
                long c = Long.parseLong(cells[p + 1]);
                row += c;
                diagonal += t == p ? c : 0;
            }
            assertEquals(1000, row, "Fashion-MNIST's test split has 1,000 images of each class: " + cells[0]);
            total += row;
            String name = cells[0];
            String printed = text.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
            assertEquals(Arrays.asList(cells), Arrays.asList(printed.trim().split(" {2,}")), "the printed row of " + name);
        }
        assertEquals(10_000, total);
        assertEquals(Double.parseDouble(accuracy.group(1)), diagonal / (double) total, 5e-5,
                "the diagonal's share is the evaluation's accuracy");

        BufferedImage png = ImageIO.read(run.resolve("confusion.png").toFile());
        assertEquals(760, png.getWidth());
        assertTrue(text.contains("wrote " + run.resolve("confusion.csv")) && text.contains("wrote " + run.resolve("confusion.png")),
                text);
    }

    @Test
    void evalWritesTheReportWhereToldAndTheSameEachTime() throws IOException {
        Path a = shared.resolve("a");
        Path b = shared.resolve("b");
        assertEquals(0, jdive("eval", run.toString(), "--out", a.toString()), err());
        String first = out();
        assertEquals(0, jdive("eval", run.toString(), "--checkpoint", "latest", "--out", b.toString()), err());
        assertEquals(first.replace(a.toString(), "DIR"), out().replace(b.toString(), "DIR"));
        assertEquals(Files.readString(a.resolve("confusion.csv")), Files.readString(b.resolve("confusion.csv")));
    }

    @Test
    void sampleDrawsAGridOfTestImagesWithTrueAndPredictedClassesTheSameForASeed() throws IOException {
        Path a = shared.resolve("grid-a");
        assertEquals(0, jdive("sample", run.toString(), "--n", "18", "--seed", "4", "--out", a.toString()), err());
        assertEquals(List.of(a.resolve("predictions.png"), a.resolve("mistakes.png"), a.resolve("predictions.csv")),
                out().lines().map(Path::of).toList());
        List<String> rows = Files.readAllLines(a.resolve("predictions.csv"));
        assertEquals("grid,index,true,predicted", rows.getFirst());
        List<String[]> shown = rows.stream().skip(1).map(r -> r.split(",")).filter(r -> r[0].equals("predictions")).toList();
        List<String[]> wrong = rows.stream().skip(1).map(r -> r.split(",")).filter(r -> r[0].equals("mistakes")).toList();
        assertEquals(18, shown.size());
        assertEquals(18, wrong.size(), "one epoch on 3,000 images leaves more than 18 of 10,000 test images wrong");
        assertEquals(18, shown.stream().map(r -> r[1]).distinct().count(), "18 different test images");
        wrong.forEach(r -> assertTrue(!r[2].equals(r[3]) && FASHION.contains(r[2]) && FASHION.contains(r[3]), String.join(",", r)));
        BufferedImage grid = ImageIO.read(a.resolve("predictions.png").toFile());
        assertTrue(grid.getWidth() > 9 * 84 && grid.getWidth() < 9 * 120, "nine images of 3 × 28 pixels a row: " + grid.getWidth());
        assertTrue(grid.getHeight() > 2 * 84 && grid.getHeight() < 2 * 150, "two rows with their captions: " + grid.getHeight());

        Path b = shared.resolve("grid-b");
        assertEquals(0, jdive("sample", run.toString(), "--n", "18", "--seed", "4", "--out", b.toString()), err());
        for (String file : List.of("predictions.png", "mistakes.png", "predictions.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
        Path c = shared.resolve("grid-c");
        assertEquals(0, jdive("sample", run.toString(), "--n", "18", "--seed", "5", "--out", c.toString()), err());
        assertNotEquals(rows, Files.readAllLines(c.resolve("predictions.csv")), "another seed, other images");
    }

    @Test
    void aPrefixIsForLanguageModels() {
        assertEquals(2, jdive("sample", run.toString(), "--prefix", "time traveller"));
        assertTrue(err().contains("takes no sample option 'prefix'; it takes none"), err());
    }
}
