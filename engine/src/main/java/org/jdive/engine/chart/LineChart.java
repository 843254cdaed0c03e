package org.jdive.engine.chart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of one or more series, each optionally in a shaded band (e.g. the mean over seeds between their
 * minimum and maximum), written as a PNG by XChart in Matplotlib's colours (after ten, they come round again dashed).
 *
 * <pre>{@code
 * new LineChart("CartPole-v1, 3 seeds", "steps", "mean return").add("cpu", steps, mean, min, max).writePng(path, 640, 360);
 * }</pre>
 */
public final class LineChart {

    /** The opacity of a band: its series' colour, mostly see-through, so that lines and other bands show through. */
    private static final int BAND_ALPHA = 0x40;

    /**
     * One named line; {@code x}, {@code y} and, when the series has a band, {@code low} and {@code high} have the
     * same length; {@code low} and {@code high} are null when it has none.
     */
    public record Series(String name, double[] x, double[] y, double[] low, double[] high, String group) {

        /** Whether a band is drawn from {@code low} to {@code high} around the line. */
        public boolean hasBand() {
            return low != null;
        }
    }

    /** Legends with more entries than this go to the right of the plot, one entry a line, rather than below it. */
    private static final int LEGEND_BELOW_AT_MOST = 4;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;

    /** An empty chart with these axis labels. */
    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series of points {@code (x[i], y[i])}. */
    public LineChart add(String name, double[] x, double[] y) {
        return addToGroup(name, x, y, null);
    }

    /**
     * Adds a series of points {@code (x[i], y[i])} to {@code group}: the series of a group share one colour and one
     * entry in the legend, the group's name (e.g. a sweep's trials by the rung they reached).
     */
    public LineChart addToGroup(String name, double[] x, double[] y, String group) {
        check(name, "y", x, y);
        series.add(new Series(name, x.clone(), y.clone(), null, null, group));
        return this;
    }

    /**
     * Adds a series of points {@code (x[i], y[i])} with a band shaded from {@code low[i]} to {@code high[i]} (e.g. the
     * minimum and maximum over seeds); each {@code low[i] <= high[i]}.
     */
    public LineChart add(String name, double[] x, double[] y, double[] low, double[] high) {
        check(name, "y", x, y);
        check(name, "low", x, low);
        check(name, "high", x, high);
        for (int i = 0; i < x.length; i++) {
            if (low[i] > high[i]) {
                throw new IllegalArgumentException("series '" + name + "' point " + i + " has a band from " + low[i]
                        + " down to " + high[i] + "; low must be <= high");
            }
        }
        series.add(new Series(name, x.clone(), y.clone(), low.clone(), high.clone(), null));
        return this;
    }

    private static void check(String name, String what, double[] x, double[] values) {
        if (x.length != values.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + values.length
                    + " " + what + " values; they must match");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("series '" + name + "' point " + i + " is (" + x[i] + ", " + values[i]
                        + ")" + (what.equals("y") ? "" : " (" + what + ")") + "; only finite numbers can be plotted");
            }
        }
    }

    /**
     * Draws the x axis on a logarithmic scale (e.g. curves whose budgets differ by much); every x must then be positive.
     */
    public LineChart logX(boolean logarithmic) {
        if (logarithmic) {
            for (Series s : series) {
                for (double x : s.x()) {
                    if (!(x > 0)) {
                        throw new IllegalArgumentException("series '" + s.name() + "' has x = " + x
                                + "; a logarithmic axis needs positive x");
                    }
                }
            }
        }
        this.logX = logarithmic;
        return this;
    }

    /** The series added so far. */
    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Writes the chart as a {@code width × height} PNG (atomically). */
    public void writePng(Path target, int width, int height) throws IOException {
        Png.write(BitmapEncoder.getBufferedImage(draw(width, height)), target);
    }

    private XYChart draw(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Style.apply(chart.getStyler());
        int[] colour = colours();
        long entries = Arrays.stream(colour).distinct().count();
        chart.getStyler().setLegendVisible(entries > 1 || series.stream().anyMatch(Series::hasBand));
        if (entries > LEGEND_BELOW_AT_MOST) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        chart.getStyler().setXAxisLogarithmic(logX);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.hasBand()) { // drawn first, under every line: the polygon along the top and back along the bottom
                Color color = Style.color(colour[i]);
                int n = s.x().length;
                double[] px = new double[2 * n];
                double[] py = new double[2 * n];
                for (int j = 0; j < n; j++) {
                    px[j] = s.x()[j];
                    py[j] = s.high()[j];
                    px[2 * n - 1 - j] = s.x()[j];
                    py[2 * n - 1 - j] = s.low()[j];
                }
                XYSeries band = chart.addSeries(s.name() + " band", px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
        }
        Set<String> groupsShown = new HashSet<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color color = Style.color(colour[i]);
            XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(color);
            line.setLineStyle(colour[i] < Style.COLOURS ? SeriesLines.SOLID : SeriesLines.DASH_DASH); // colours come round again
            line.setMarker(s.x().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            line.setMarkerColor(color);
            if (s.group() != null) { // one legend entry per group, named after it
                line.setLabel(s.group());
                line.setShowInLegend(groupsShown.add(s.group()));
            }
        }
        return chart;
    }

    /** Each series' colour: its group's (groups numbered as they first appear), else its own. */
    private int[] colours() {
        int[] colour = new int[series.size()];
        Map<String, Integer> groups = new HashMap<>();
        int next = 0;
        for (int i = 0; i < series.size(); i++) {
            String group = series.get(i).group();
            if (group == null) {
                colour[i] = next++;
            } else {
                Integer c = groups.get(group);
                if (c == null) {
                    c = next++;
                    groups.put(group, c);
                }
                colour[i] = c;
            }
        }
        return colour;
    }
}
