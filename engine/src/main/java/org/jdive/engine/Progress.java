package org.jdive.engine;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jdive.engine.scenario.Scenario;

/**
 * Shows how a run advances. On a terminal: one line redrawn in place ({@code \r}) with a bar, the percentage, the
 * rate, the ETA and the latest metrics, cut to the terminal's width, at most ten times a second, and ended with a
 * newline when the run ends. Otherwise (a file, a pipe, CI): one plain line per {@code log.every} units and one at
 * the end, as in the metrics file.
 *
 * <p>Ours rather than a progress-bar library (e.g. me.tongfei's progressbar, which brings JLine): the half that runs
 * off a terminal, where most long runs are watched (CI logs, suites' runs, Spark tasks), prints rows matching the
 * metrics file, which no such library does; the terminal half alone would not pay for the dependency.
 */
public final class Progress {

    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    /** Clears from the cursor to the end of the line: what is left of a longer previous line. */
    private static final String CLEAR_TO_END = "\u001b[K";

    /**
     * Where progress is drawn.
     *
     * @param interactive whether it is a terminal that redraws a line on {@code \r}
     * @param columns     its width in characters
     */
    public record Terminal(boolean interactive, int columns) {

        /** The width when the environment does not say (no {@code COLUMNS}). */
        public static final int DEFAULT_COLUMNS = 80;

        /** Standard output: interactive when it is a terminal and {@code TERM} is not {@code dumb}; {@code COLUMNS} wide, or 80. */
        public static Terminal detect() {
            String term = System.getenv("TERM");
            boolean interactive = stdoutIsTerminal() && term != null && !term.equals("dumb");
            return new Terminal(interactive, columns(System.getenv("COLUMNS")));
        }

        /** The width a {@code COLUMNS} value gives: the number when it is a positive one, else {@link #DEFAULT_COLUMNS}. */
        static int columns(String value) {
            try {
                int columns = value == null ? 0 : Integer.parseInt(value.trim());
                return columns > 0 ? columns : DEFAULT_COLUMNS;
            } catch (NumberFormatException e) {
                return DEFAULT_COLUMNS;
            }
        }

        /**
         * Whether standard input and output are a terminal. From JDK 22, {@link System#console()} may return a console
         * for redirected streams too, and {@code Console.isTerminal()} (not in Java 21's API, which this code is built
         * against) tells them apart; before, a console exists only on a terminal.
         */
        private static boolean stdoutIsTerminal() {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (ReflectiveOperationException java21) {
                return true;
            }
        }
    }

    private final PrintWriter out;
    private final Terminal terminal;
    private final String unit;
    private final long total;
    private final long startDone;
    private final long logEvery;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long lastRedraw = Long.MIN_VALUE;

    /**
     * @param total     the budget, in {@code unit}s
     * @param startDone the units done before this invocation (a resumed run's), left out of the rate
     * @param logEvery  the plain lines' interval, in units
     * @param nanoTime  the clock ({@link System#nanoTime()}; tests give their own)
     */
    Progress(PrintWriter out, Terminal terminal, String unit, long total, long startDone, long logEvery,
             LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.unit = unit;
        this.total = total;
        this.startDone = startDone;
        this.logEvery = logEvery;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /**
     * A listener that draws the progress of a run of {@code scenario} to {@code out}: a bar when standard output is a
     * terminal, plain lines every {@code log.every} units otherwise.
     */
    public static Runner.ChunkListener listener(PrintWriter out, Scenario scenario, long total, long startDone) {
        Progress p = new Progress(out, Terminal.detect(), scenario.kind().unit(), total, startDone,
                scenario.integer("log.every"), System::nanoTime);
        return p::update;
    }

    void update(long done, Map<String, Double> latest, boolean last) {
        long now = nanoTime.getAsLong();
        if (terminal.interactive()) {
            if (last || lastRedraw == Long.MIN_VALUE || now - lastRedraw >= REDRAW_INTERVAL_NANOS) {
                lastRedraw = now;
                out.print("\r" + fit(bar(done) + " " + status(done, now, last), latest) + CLEAR_TO_END);
                if (last) {
                    out.println();
                }
                out.flush();
            }
        } else if (last || done % logEvery == 0) {
            out.println(status(done, now, last) + metrics(latest, Integer.MAX_VALUE));
            out.flush();
        }
    }

    private String bar(long done) {
        int filled = (int) (BAR_WIDTH * Math.min(1.0, (double) done / total));
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** {@code 420/1000 episodes (42%) 123.4/s ETA 5s}; at the end, the time it took instead of the ETA. */
    private String status(long done, long now, boolean last) {
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - startDone) / seconds : 0;
        String time = last ? "took " + duration(seconds)
                : "ETA " + (rate > 0 && done < total ? duration((total - done) / rate) : "-");
        return String.format(Locale.ROOT, "%d/%d %s (%.0f%%) %.1f/s %s", done, total, unit, 100.0 * done / total, rate, time);
    }

    /** {@code head} followed by as many of the metrics as fit in a line of the terminal (its last column left free). */
    private String fit(String head, Map<String, Double> latest) {
        int width = terminal.columns() - 1;
        if (head.length() >= width) {
            return head.substring(0, Math.max(0, width));
        }
        return head + metrics(latest, width - head.length());
    }

    /** The metrics as {@code  name value} pairs, as many whole ones as fit in {@code room} characters. */
    private static String metrics(Map<String, Double> latest, int room) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : latest.entrySet()) {
            String pair = String.format(Locale.ROOT, " %s %.4g", e.getKey(), e.getValue());
            if (b.length() + pair.length() > room) {
                break;
            }
            b.append(pair);
        }
        return b.toString();
    }

    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
