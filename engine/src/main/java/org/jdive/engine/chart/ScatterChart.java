package org.jdive.engine.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter plot of 2-D points over outlined circles (e.g. a GAN's samples over the modes of the mixture it
 * learns), on square axes, written as a PNG by XChart in Matplotlib's colours: points in the first colour, circles
 * in the fourth (red), so that which circles the points cover shows at a glance.
 *
 * <pre>{@code
 * new ScatterChart("epoch 12", 2.5).points("samples", xy).circles("modes", centres, 0.06).writePng(path, 480, 480);
 * }</pre>
 */
public final class ScatterChart {

    private static final int CIRCLE_SEGMENTS = 48;
    private static final int CIRCLE_COLOUR = 3;

    private record Points(String name, double[] x, double[] y) {
    }

    private record Circles(String name, double[][] centres, double radius) {
    }

    private final String title;
    private final double half;
    private final List<Points> points = new ArrayList<>();
    private final List<Circles> circles = new ArrayList<>();

    /** A chart of the square from {@code -half} to {@code half} on both axes. */
    public ScatterChart(String title, double half) {
        if (!(half > 0) || Double.isInfinite(half)) {
            throw new IllegalArgumentException("a scatter chart spans a square of positive finite size, got " + half);
        }
        this.title = title;
        this.half = half;
    }

    /** Adds points {@code (xy[2i], xy[2i + 1])}; points outside the square (or not finite) are left out. */
    public ScatterChart points(String name, float[] xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("points '" + name + "' come as x, y pairs; got " + xy.length + " numbers");
        }
        double[] x = new double[xy.length / 2];
        double[] y = new double[xy.length / 2];
        int inside = 0;
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(xy[2 * i]) <= half && Math.abs(xy[2 * i + 1]) <= half) {
                x[inside] = xy[2 * i];
                y[inside++] = xy[2 * i + 1];
            }
        }
        points.add(new Points(name, Arrays.copyOf(x, inside), Arrays.copyOf(y, inside)));
        return this;
    }

    /** Adds circles of {@code radius} around each of {@code centres} (each {@code {x, y}}), one legend entry for all. */
    public ScatterChart circles(String name, float[][] centres, double radius) {
        double[][] copy = new double[centres.length][];
        for (int i = 0; i < centres.length; i++) {
            copy[i] = new double[] {centres[i][0], centres[i][1]};
        }
        circles.add(new Circles(name, copy, radius));
        return this;
    }

    /** Writes the chart as a {@code width × height} PNG (atomically). */
    public void writePng(Path target, int width, int height) throws IOException {
        Png.write(BitmapEncoder.getBufferedImage(draw(width, height)), target);
    }

    private XYChart draw(int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("x").yAxisTitle("y")
                .build();
        Style.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(-half).setXAxisMax(half).setYAxisMin(-half).setYAxisMax(half);
        chart.getStyler().setMarkerSize(3);
        int colour = 0;
        for (Points p : points) {
            if (p.x().length == 0) {
                colour++;
                continue;
            }
            XYSeries series = chart.addSeries(p.name(), p.x(), p.y());
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(Style.color(colour++));
        }
        for (Circles c : circles) {
            Color color = Style.color(CIRCLE_COLOUR);
            for (int k = 0; k < c.centres().length; k++) { // each circle a closed line, all under one legend entry
                double[] x = new double[CIRCLE_SEGMENTS + 1];
                double[] y = new double[CIRCLE_SEGMENTS + 1];
                for (int j = 0; j <= CIRCLE_SEGMENTS; j++) {
                    double angle = 2 * Math.PI * j / CIRCLE_SEGMENTS;
                    x[j] = c.centres()[k][0] + c.radius() * Math.cos(angle);
                    y[j] = c.centres()[k][1] + c.radius() * Math.sin(angle);
                }
                XYSeries circle = chart.addSeries(c.name() + " " + k, x, y);
                circle.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                circle.setMarker(SeriesMarkers.NONE);
                circle.setLineColor(color);
                circle.setLineStyle(new BasicStroke(1.5f));
                circle.setLabel(c.name());
                circle.setShowInLegend(k == 0);
            }
        }
        return chart;
    }
}
