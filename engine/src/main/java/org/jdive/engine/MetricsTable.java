package org.jdive.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A metrics CSV written by {@link MetricsLog}, read back as numbers: its columns, the first being the budget
 * count (steps, episodes, epochs), and one row per line, {@code NaN} where a cell is empty (a loss before
 * learning starts) or not a number.
 *
 * @param columns the header's names
 * @param rows    the rows, each as long as {@code columns}
 */
public record MetricsTable(List<String> columns, List<double[]> rows) {

    /**
     * The column of the run's seconds: over all its invocations, since checkpoints carry it; logs from before that
     * restart at each resume.
     */
    static final String WALL_TIME = "wall_s";

    /** The table of {@code csv}; empty (no columns, no rows) when the file does not exist. */
    public static MetricsTable read(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return new MetricsTable(List.of(), List.of());
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return new MetricsTable(List.of(), List.of());
        }
        List<String> columns = List.of(lines.getFirst().split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double[] row = new double[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = i < cells.length ? parse(cells[i]) : Double.NaN;
            }
            rows.add(row);
        }
        return new MetricsTable(columns, List.copyOf(rows));
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /** The name of the first column: the run's budget unit. */
    String unit() {
        return columns.getFirst();
    }

    /** The columns of logged metrics: all but the budget count and the wall time. */
    List<String> metrics() {
        return columns.stream().skip(1).filter(c -> !c.equals(WALL_TIME)).toList();
    }

    /** Whether the table has a column named {@code name}. */
    boolean has(String name) {
        return columns.contains(name);
    }

    /** The values of column {@code name}, one per row. */
    double[] column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; the columns are " + columns);
        }
        return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    /** The metrics of the last row logged after {@code done} budget units, by column; empty when there is none. */
    Map<String, Double> metricsAt(long done) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            double[] row = rows.get(i);
            if (row[0] == done) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics().forEach(c -> metrics.put(c, row[columns.indexOf(c)]));
                return metrics;
            }
        }
        return Map.of();
    }

    /**
     * The run's wall time by its log: the last row's {@value #WALL_TIME}, plus, in a log that restarts the count at
     * each resume, that of the last row before each restart; 0 without rows.
     */
    double wallTime() {
        if (!has(WALL_TIME)) {
            return 0;
        }
        double total = 0;
        double previous = 0;
        for (double t : column(WALL_TIME)) {
            if (t < previous) {
                total += previous;
            }
            previous = t;
        }
        return total + previous;
    }

    /** The points of a column against the budget count: {@code (x[i], y[i])}. */
    public record Curve(double[] x, double[] y) {
    }

    /** Column {@code name} against the budget count, at the rows where both are finite; empty without the column. */
    public Curve curve(String name) {
        if (!has(name)) {
            return new Curve(new double[0], new double[0]);
        }
        double[] units = column(unit());
        double[] values = column(name);
        int[] kept = IntStream.range(0, units.length)
                .filter(i -> Double.isFinite(units[i]) && Double.isFinite(values[i])).toArray();
        return new Curve(Arrays.stream(kept).mapToDouble(i -> units[i]).toArray(),
                Arrays.stream(kept).mapToDouble(i -> values[i]).toArray());
    }
}
