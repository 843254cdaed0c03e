package org.jdive.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The two kinds of table jdive writes, read back as text cells: markdown pipe tables and CSV files. */
final class Tables {

    private Tables() {
    }

    /**
     * A table of text cells.
     *
     * @param header the column names
     * @param rows   the rows, each as long as {@code header} (short rows are padded with empty cells)
     */
    record Table(List<String> header, List<List<String>> rows) {

        /** The index of {@code column}, or -1. */
        int column(String column) {
            return header.indexOf(column);
        }

        /** The cell of {@code row} in {@code column}, empty when the table has no such column. */
        String cell(List<String> row, String column) {
            int i = column(column);
            return i < 0 ? "" : row.get(i);
        }
    }

    /**
     * The first pipe table of a markdown text ({@code | a | b |}, a {@code |---|---|} line, then rows), as
     * {@code jdive bench} and {@code jdive sweep} write {@code results.md}; empty when it has none.
     */
    static Optional<Table> markdown(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String t = line.trim();
            if (t.startsWith("|")) {
                lines.add(pipeCells(t));
            } else if (!lines.isEmpty()) {
                break; // the table ended
            }
        }
        if (lines.size() < 2 || !lines.get(1).stream().allMatch(c -> c.matches(":?-+:?"))) {
            return Optional.empty();
        }
        List<String> header = lines.getFirst();
        return Optional.of(new Table(header, lines.subList(2, lines.size()).stream().map(r -> pad(r, header.size())).toList()));
    }

    /** The cells of one table line: split at each {@code |} not escaped as {@code \|}, trimmed, outer pipes dropped. */
    private static List<String> pipeCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) { // past the leading pipe
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!cell.toString().isBlank()) {
            cells.add(cell.toString().trim()); // a last cell without its closing pipe
        }
        return cells;
    }

    /**
     * A CSV text with a header line, as jdive writes them: fields separated by commas, a field in double quotes may
     * hold commas and doubled quotes; one record per line.
     */
    static Table csv(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return new Table(List.of(), List.of());
        }
        List<String> header = csvFields(lines.getFirst());
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(l -> pad(csvFields(l), header.size())).toList();
        return new Table(header, rows);
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static List<String> pad(List<String> row, int size) {
        List<String> padded = new ArrayList<>(row.subList(0, Math.min(size, row.size())));
        while (padded.size() < size) {
            padded.add("");
        }
        return List.copyOf(padded);
    }
}
