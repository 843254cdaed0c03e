package org.jdive.cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdive.rendering.chart.LineChart;

/**
 * Draws a run's curves: one PNG per numeric column of {@code metrics.csv} and {@code eval.csv} (except wall
 * time), against the run's unit (steps, episodes, epochs), in {@code plots/}. Whatever the trainer logs is drawn,
 * so new kinds need nothing here.
 */
final class RunPlots {

    static final String FOLDER = "plots";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private RunPlots() {
    }

    /** Writes {@code plots/<column>.png} and {@code plots/eval_<column>.png}; empty or missing files draw nothing. */
    static void write(RunFolder folder, String scenarioName) throws IOException {
        Path plots = folder.path().resolve(FOLDER);
        draw(folder.path().resolve("metrics.csv"), plots, "", scenarioName);
        draw(folder.path().resolve("eval.csv"), plots, "eval_", scenarioName + " (evaluation)");
    }

    private static void draw(Path csv, Path plots, String prefix, String title) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() < 2) {
            return;
        }
        String[] header = lines.getFirst().split(",", -1);
        for (int column = 1; column < header.length; column++) {
            if (header[column].equals("wall_s")) {
                continue;
            }
            List<double[]> points = finitePoints(lines, column);
            if (points.isEmpty()) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            Files.createDirectories(plots);
            new LineChart(title, header[0], header[column]).add(header[column], x, y)
                    .writePng(plots.resolve(prefix + header[column] + ".png"), WIDTH, HEIGHT);
        }
    }

    /** The rows' (unit, value) pairs where both parse as finite numbers (a loss is empty before learning starts). */
    private static List<double[]> finitePoints(List<String> lines, int column) {
        List<double[]> points = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length <= column) {
                continue;
            }
            try {
                double x = Double.parseDouble(cells[0]);
                double y = Double.parseDouble(cells[column]);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    points.add(new double[] {x, y});
                }
            } catch (NumberFormatException notANumber) {
                // an empty or text cell: no point
            }
        }
        return points;
    }
}
