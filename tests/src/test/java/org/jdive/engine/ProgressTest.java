package org.jdive.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.engine.Progress.Terminal;
import org.junit.jupiter.api.Test;

/** The progress line on a terminal (a bar redrawn in place) and elsewhere (plain lines), on a clock of the test's. */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter text = new StringWriter();
    private long now;

    private Progress progress(Terminal terminal) {
        return new Progress(new PrintWriter(text), terminal, "episodes", 1000, 0, 100, () -> now);
    }

    private static Map<String, Double> metrics(double ret, double loss) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("return", ret);
        m.put("loss", loss);
        return m;
    }

    /** The lines a terminal shows one after another: each redraw, without its {@code \r} and clear-to-end code. */
    private List<String> redraws() {
        return Arrays.stream(text.toString().split("\r")).filter(s -> !s.isEmpty())
                .map(s -> s.replace("\u001b[K", "").replace("\n", "")).toList();
    }

    @Test
    void onATerminalOneLineIsRedrawnWithPercentRateEtaAndTheLatestMetrics() {
        Progress p = progress(new Terminal(true, 100));
        now = 2 * SECOND;
        p.update(100, metrics(0.5, 0.25), false);
        assertTrue(text.toString().startsWith("\r"), text.toString());
        assertFalse(text.toString().contains("\n"), "no newline before the end");
        assertEquals("[##------------------] 100/1000 episodes (10%) 50.0/s ETA 18s return 0.5000 loss 0.2500",
                redraws().getLast());

        now += SECOND / 20;
        p.update(200, metrics(0.6, 0.2), false);
        assertEquals(1, redraws().size(), "at most ten redraws a second");

        now += SECOND;
        p.update(300, metrics(0.7, 0.1), false);
        assertEquals(2, redraws().size());
        assertTrue(redraws().getLast().contains("(30%)") && redraws().getLast().contains("return 0.7000"), redraws().toString());

        now = 20 * SECOND;
        p.update(1000, metrics(0.9, 0.05), true);
        assertTrue(text.toString().endsWith("\u001b[K" + System.lineSeparator()), "the last redraw ends the line");
        assertEquals(1, text.toString().split("\n", -1).length - 1, "exactly one newline, at the end");
        assertEquals("[####################] 1000/1000 episodes (100%) 50.0/s took 20s return 0.9000 loss 0.05000",
                redraws().getLast());
    }

    @Test
    void aRedrawNeverOutgrowsTheTerminalAndDropsWholeMetricsFirst() {
        Progress p = progress(new Terminal(true, Terminal.DEFAULT_COLUMNS));
        now = SECOND;
        p.update(100, metrics(0.5, 0.25), false);
        String line = redraws().getLast();
        assertTrue(line.length() <= 79, line.length() + ": " + line);
        assertTrue(line.endsWith("ETA 9.0s return 0.5000"), "loss does not fit, and is not cut in half: " + line);

        Progress narrow = progress(new Terminal(true, 30));
        narrow.update(100, metrics(0.5, 0.25), false);
        assertEquals("[##------------------] 100/10", redraws().getLast(), "even the bar is cut to the width");
    }

    @Test
    void theWidthComesFromColumnsOr80() {
        assertEquals(132, Terminal.columns("132"));
        assertEquals(80, Terminal.columns(null));
        assertEquals(80, Terminal.columns("wide"));
        assertEquals(80, Terminal.columns("0"));
    }

    @Test
    void elsewherePlainLinesComeOncePerLogIntervalAndAtTheEnd() {
        Progress p = progress(new Terminal(false, 80));
        now = SECOND;
        p.update(50, metrics(0.1, 1), false);      // a chunk that ended for an evaluation, not a log row
        assertEquals("", text.toString());
        p.update(100, metrics(0.2, 0.5), false);
        now = 2 * SECOND;
        p.update(200, metrics(0.3, 0.4), false);
        now = 3 * SECOND;
        p.update(250, metrics(0.4, 0.3), true);
        List<String> lines = text.toString().lines().toList();
        assertEquals(List.of(
                "100/1000 episodes (10%) 100.0/s ETA 9.0s return 0.2000 loss 0.5000",
                "200/1000 episodes (20%) 100.0/s ETA 8.0s return 0.3000 loss 0.4000",
                "250/1000 episodes (25%) 83.3/s took 3.0s return 0.4000 loss 0.3000"), lines);
        assertFalse(text.toString().contains("\r") || text.toString().contains("\u001b"), "no terminal codes in a file");
    }

    @Test
    void testsDoNotRunOnATerminal() {
        assertFalse(Terminal.detect().interactive(), "surefire's output is a pipe, so a run's progress there is plain");
    }
}
