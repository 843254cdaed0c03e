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
import org.jdive.core.io.DamagedFileException;
import org.jdive.core.io.Json;

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
            write(jsonl, Json.write(row) + "\n");
        } catch (IOException e) {
            IOException told = Io.cannotWrite(csv, e);
            throw new UncheckedIOException(told.getMessage(), told);
        }
    }

    /**
     * Drops the rows whose first column (the budget count) is above {@code done}: what an interrupted run
     * wrote after its last checkpoint, which the resumed run writes again. A last line cut short (a process killed
     * while writing it) goes too; a garbled line before it is a {@link DamagedFileException} naming file and line.
     */
    void truncateAfter(long done) throws IOException {
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>(lines.subList(0, Math.min(1, lines.size())));
            kept.addAll(rowsUpTo(csv, lines.subList(kept.size(), lines.size()), 1, done,
                    l -> l.indexOf(',') < 0 ? null : l.substring(0, l.indexOf(','))));
            rewrite(csv, kept);
        }
        if (Files.exists(jsonl)) {
            List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
            rewrite(jsonl, rowsUpTo(jsonl, lines, 0, done,
                    l -> l.indexOf(':') < 0 || l.indexOf(',') < l.indexOf(':') ? null
                            : l.substring(l.indexOf(':') + 1, l.indexOf(','))));
        }
    }

    /** The rows whose budget count (what {@code count} cuts out of a line) is at most {@code done}. */
    private static List<String> rowsUpTo(Path file, List<String> rows, int firstLine, long done,
                                         java.util.function.Function<String, String> count) throws IOException {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String text = count.apply(rows.get(i));
            long units;
            try {
                units = text == null ? -1 : Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                units = -1;
            }
            if (units < 0 && i == rows.size() - 1) {
                break; // cut short while it was written
            }
            if (units < 0) {
                throw new DamagedFileException(file, "line " + (firstLine + i + 1) + " is not a metrics row: " + rows.get(i));
            }
            if (units <= done) {
                kept.add(rows.get(i));
            }
        }
        return kept;
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
