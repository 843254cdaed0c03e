package org.jdive.cli.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Shows how a run advances: on a terminal, one bar redrawn in place with the rate, the ETA and the latest
 * metrics; otherwise (a file, a pipe, CI) a plain line at most every few seconds and at the end.
 */
public final class Progress {

    private static final int BAR_WIDTH = 24;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String unit;
    private final long total;
    private final long startDone;
    private final long startNanos = System.nanoTime();
    private long lastPlain = startNanos;

    Progress(PrintWriter out, boolean terminal, String unit, long total, long startDone) {
        this.out = out;
        this.terminal = terminal;
        this.unit = unit;
        this.total = total;
        this.startDone = startDone;
    }

    /** A listener that draws the progress of a run to {@code out}: a bar on a terminal, plain lines otherwise. */
    public static Runner.ChunkListener listener(PrintWriter out, String unit, long total, long startDone) {
        Progress p = new Progress(out, stdoutIsTerminal(), unit, total, startDone);
        return p::update;
    }

    /** Whether standard output is an interactive terminal. */
    static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    void update(long done, Map<String, Double> latest, boolean last) {
        long now = System.nanoTime();
        if (!terminal && !last && now - lastPlain < PLAIN_INTERVAL_NANOS) {
            return;
        }
        lastPlain = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - startDone) / seconds : 0;
        String eta = rate > 0 && done < total ? duration((total - done) / rate) : "-";
        StringBuilder metrics = new StringBuilder();
        latest.forEach((k, v) -> metrics.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        if (terminal) {
            int filled = (int) (BAR_WIDTH * Math.min(1.0, (double) done / total));
            String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
            out.printf(Locale.ROOT, "\r[%s] %d/%d %s %.1f/s ETA %s%s\u001b[K", bar, done, total, unit, rate, eta, metrics);
            if (last) {
                out.println();
            }
        } else {
            out.printf(Locale.ROOT, "%d/%d %s (%.0f%%) %.1f/s ETA %s%s%n", done, total, unit, 100.0 * done / total,
                    rate, eta, metrics);
        }
        out.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
