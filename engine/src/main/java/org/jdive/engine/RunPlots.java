package org.jdive.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.engine.chart.LineChart;

/**
 * Draws a run's curves: one PNG per numeric column of {@code metrics.csv} and {@code eval.csv} (except wall
 * time), against the run's unit (steps, episodes, epochs), in {@code plots/}. Whatever the trainer logs is drawn,
 * so new kinds need nothing here.
 */
public final class RunPlots {

    /** The folder of a run (or bench) folder that holds its plots. */
    public static final String FOLDER = "plots";
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private RunPlots() {
    }

    /** Writes {@code plots/<column>.png} and {@code plots/eval_<column>.png}; empty or missing files draw nothing. */
    static void write(RunFolder folder, String scenarioName) throws IOException {
        Path plots = folder.path().resolve(FOLDER);
        draw(folder.path().resolve(Runner.METRICS_LOG + ".csv"), plots, "", scenarioName);
        draw(folder.path().resolve(Runner.EVAL_LOG + ".csv"), plots, "eval_", scenarioName + " (evaluation)");
    }

    private static void draw(Path csv, Path plots, String prefix, String title) throws IOException {
        MetricsTable table = MetricsTable.read(csv);
        for (String column : table.metrics()) {
            MetricsTable.Curve curve = table.curve(column);
            if (curve.x().length == 0) {
                continue;
            }
            Files.createDirectories(plots);
            new LineChart(title, table.unit(), column).add(column, curve.x(), curve.y())
                    .writePng(plots.resolve(prefix + column + ".png"), WIDTH, HEIGHT);
        }
    }
}
