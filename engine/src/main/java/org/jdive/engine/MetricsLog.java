package org.jdive.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One table of metrics written twice as it grows: {@code <name>.csv} (a header, then a row per record) and
 * {@code <name>.jsonl} (an object per line). Rows are appended and flushed one at a time, so a crash loses
 * at most the row being written.
 */
final class MetricsLog {

    private final Path csv;
    private final Path jsonl;
    private List<String> columns;

    MetricsLog(Path folder, String name) {
        this.csv = folder.resolve(name + ".csv");
        this.jsonl = folder.resolve(name + ".jsonl");
    }

    /** Appends a row; its keys must be the same, in the same order, as the first row's. */
    void append(Map<String, ?> row) {
        List<String> keys = List.copyOf(row.keySet());
        try {
            if (columns == null) {
                columns = keys;
                if (!Files.exists(csv)) {
                    write(csv, String.join(",", columns) + "\n");
                }
            } else if (!columns.equals(keys)) {
                throw new IllegalStateException("metrics " + keys + " do not match the columns " + columns);
            }
            List<String> cells = new ArrayList<>();
            row.values().forEach(v -> cells.add(v instanceof Double d && d.isNaN() ? "" : String.valueOf(v)));
            write(csv, String.join(",", cells) + "\n");
            write(jsonl, Json.object(row) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics: " + e.getMessage(), e);
        }
    }

    /**
     * Drops the rows whose first column (the budget count) is above {@code done}: what an interrupted run
     * wrote after its last checkpoint, which the resumed run writes again.
     */
    void truncateAfter(long done) throws IOException {
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>(lines.subList(0, Math.min(1, lines.size())));
            lines.stream().skip(1).filter(l -> Long.parseLong(l.substring(0, l.indexOf(','))) <= done).forEach(kept::add);
            rewrite(csv, kept);
        }
        if (Files.exists(jsonl)) {
            List<String> kept = Files.readAllLines(jsonl, StandardCharsets.UTF_8).stream()
                    .filter(l -> Long.parseLong(l.substring(l.indexOf(':') + 1, l.indexOf(','))) <= done).toList();
            rewrite(jsonl, kept);
        }
    }

    private static void rewrite(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
