package org.jdive.engine.chart;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A matrix of numbers drawn as coloured cells, each labelled with its value (e.g. a classifier's confusion matrix:
 * rows the true classes, columns the predicted ones), written as a PNG by XChart. Row 0 is drawn at the top and column
 * 0 at the left, as the matrix is written; cells go from white (the smallest value) through Matplotlib's "Blues" to
 * a middle blue (the largest), light enough for the dark numbers on them to read.
 *
 * <pre>{@code
 * new HeatMapChart("confusion", "predicted", "true").rows(names).columns(names).values(counts).writePng(path, 720, 640);
 * }</pre>
 */
public final class HeatMapChart {

    /** The lighter two thirds of Matplotlib's "Blues" colour map, from its lightest. */
    static final Color[] BLUES = {new Color(0xF7FBFF), new Color(0xDEEBF7), new Color(0xC6DBEF), new Color(0x9ECAE1),
        new Color(0x6BAED6), new Color(0x4292C6)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private List<String> rows = List.of();
    private List<String> columns = List.of();
    private double[][] values = new double[0][];

    public HeatMapChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The rows' names, from the top. */
    public HeatMapChart rows(List<String> names) {
        rows = List.copyOf(names);
        return this;
    }

    /** The columns' names, from the left. */
    public HeatMapChart columns(List<String> names) {
        columns = List.copyOf(names);
        return this;
    }

    /** The cells: {@code values[row][column]}, finite, one row per row name and one column per column name. */
    public HeatMapChart values(double[][] values) {
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
            for (double v : copy[r]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a heat map's cells are finite numbers; row " + r + " has " + v);
                }
            }
        }
        this.values = copy;
        return this;
    }

    /** Writes the chart as a {@code width × height} PNG (atomically). */
    public void writePng(Path target, int width, int height) throws IOException {
        if (values.length != rows.size() || rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalStateException("a heat map needs a row of values per row name and at least one of each: "
                    + values.length + " rows of values, " + rows.size() + " row names, " + columns.size() + " column names");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        int n = rows.size();
        for (int r = 0; r < n; r++) {
            if (values[r].length != columns.size()) {
                throw new IllegalStateException("row " + r + " has " + values[r].length + " values for "
                        + columns.size() + " columns");
            }
            for (int c = 0; c < columns.size(); c++) {
                double v = values[r][c];
                min = Math.min(min, v);
                max = Math.max(max, v);
                cells.add(new Number[] {c, n - 1 - r, v}); // XChart counts rows from the bottom
            }
        }
        org.knowm.xchart.HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setRangeColors(BLUES);
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max > min ? max : min + 1);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setValueFontColor(new Color(0x202020));
        chart.getStyler().setHeatMapValueDecimalPattern("#,##0.##");
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries(title, columns, rows.reversed(), cells);
        Png.write(BitmapEncoder.getBufferedImage(chart), target);
    }
}
