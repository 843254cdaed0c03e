package org.jdive.engine.chart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * Grouped bars: one group per category (a scenario), one bar per series in it (a backend), each bar in its
 * series' colour and labelled with its value, written as a PNG by XChart.
 *
 * <pre>{@code
 * new BarChart("speed", "relative to the fastest").add("cartpole-dqn", "cpu", 1.0).add("cartpole-dqn", "opencl", 0.4)
 *         .writePng(path, 640, 360);
 * }</pre>
 */
public final class BarChart {

    /** One bar: its group, its series (which gives its colour) and its length. */
    public record Bar(String group, String series, double value) {
    }

    private final String title;
    private final String valueLabel;
    private final List<Bar> bars = new ArrayList<>();

    /** An empty chart; {@code valueLabel} names the axis of the bars' lengths. */
    public BarChart(String title, String valueLabel) {
        this.title = title;
        this.valueLabel = valueLabel;
    }

    /** Adds a bar of length {@code value} (finite, >= 0) to {@code group}, drawn in the colour of {@code series}. */
    public BarChart add(String group, String series, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("bar '" + group + "/" + series + "' has length " + value
                    + "; bars are finite numbers >= 0");
        }
        bars.add(new Bar(group, series, value));
        return this;
    }

    /** The bars added so far. */
    public List<Bar> bars() {
        return List.copyOf(bars);
    }

    /** Writes the chart as a {@code width × height} PNG (atomically). */
    public void writePng(Path target, int width, int height) throws IOException {
        Set<String> groups = new LinkedHashSet<>();
        Set<String> series = new LinkedHashSet<>();
        bars.forEach(b -> {
            groups.add(b.group());
            series.add(b.series());
        });
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title)
                .yAxisTitle(valueLabel).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(new Color(0x202020));
        chart.getStyler().setYAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisMin(0.0);
        int i = 0;
        for (String name : series) {
            List<Double> y = new ArrayList<>();
            for (String group : groups) {
                y.add(bars.stream().filter(b -> b.group().equals(group) && b.series().equals(name))
                        .mapToDouble(Bar::value).findFirst().orElse(0));
            }
            CategorySeries s = chart.addSeries(name, new ArrayList<>(groups), y);
            s.setFillColor(Style.color(i++));
        }
        Png.write(BitmapEncoder.getBufferedImage(chart), target);
    }
}
