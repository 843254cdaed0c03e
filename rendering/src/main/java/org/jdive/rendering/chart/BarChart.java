package org.jdive.rendering.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.envs.Frame;
import org.jdive.rendering.overlay.ShapeBatch;
import org.jdive.rendering.overlay.ShapeRasterizer;
import org.jdive.rendering.record.Images;
import org.jdive.rendering.text.BitmapFont;

/**
 * A horizontal bar chart in groups (e.g. one group per scenario, one bar per backend): group names on the left,
 * bars coloured by series, each bar's series and own label (e.g. "cpu 12,345 steps/s") at its end, and a value axis
 * from 0 with "nice" ticks. Drawn on the CPU to a frame or a PNG file; {@link #height()} is the height that gives
 * every bar room.
 *
 * <pre>{@code
 * new BarChart("speed", "relative to the fastest").add("cartpole-dqn", "cpu", 1.0, "21,000 steps/s")
 *         .add("cartpole-dqn", "opencl", 0.4, "8,400 steps/s").writePng(path, 640);
 * }</pre>
 */
public final class BarChart {

    private static final int BACKGROUND = 0xFFFFFF;
    private static final int INK = 0xFF202020;
    private static final int GRID = 0xFFE4E4E4;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;
    private static final int RIGHT = 16;
    private static final int BAR = 14;
    private static final int BAR_GAP = 4;
    private static final int GROUP_GAP = 12;

    /** One bar: its group, its series (which gives its colour), its length and the text after its series' name. */
    public record Bar(String group, String series, double value, String label) {
    }

    private final String title;
    private final String valueLabel;
    private final List<Bar> bars = new ArrayList<>();
    private final Map<String, Integer> seriesColors = new LinkedHashMap<>();

    public BarChart(String title, String valueLabel) {
        this.title = title;
        this.valueLabel = valueLabel;
    }

    /** Adds a bar of length {@code value} (finite, >= 0) to {@code group}, drawn in the colour of {@code series}. */
    public BarChart add(String group, String series, double value, String label) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("bar '" + group + "/" + series + "' has length " + value
                    + "; bars are finite numbers >= 0");
        }
        seriesColors.computeIfAbsent(series, k -> LineChart.COLORS[seriesColors.size() % LineChart.COLORS.length]);
        bars.add(new Bar(group, series, value, label));
        return this;
    }

    /** The bars added so far. */
    public List<Bar> bars() {
        return List.copyOf(bars);
    }

    /** The height in pixels that fits the title, every bar and the axis. */
    public int height() {
        long groups = bars.stream().map(Bar::group).distinct().count();
        return TOP + 8 + bars.size() * (BAR + BAR_GAP) + (int) groups * GROUP_GAP + BOTTOM;
    }

    /** Draws the chart on a white frame {@code width} pixels wide and {@link #height()} high. */
    public Frame render(int width) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("bar chart '" + title + "' has no bars; add some");
        }
        int left = bars.stream().mapToInt(b -> BitmapFont.width(b.group())).max().orElse(0) + 12;
        int labels = bars.stream().mapToInt(b -> BitmapFont.width(text(b))).max().orElse(0) + 6;
        int plotWidth = width - left - labels - RIGHT;
        if (plotWidth < 60) {
            throw new IllegalArgumentException("bar chart '" + title + "' needs at least " + (left + labels + RIGHT + 60)
                    + " pixels of width for its names and labels, got " + width);
        }
        int height = height();
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double[] ticks = LineChart.niceTicks(0, max > 0 ? max : 1, 6);
        double end = ticks[ticks.length - 1];

        ShapeBatch out = new ShapeBatch();
        int bottom = height - BOTTOM;
        for (double t : ticks) {
            float x = (float) (left + t / end * plotWidth);
            out.rect(x, TOP, 1, bottom - TOP, GRID);
            String label = LineChart.format(t, ticks);
            out.text(label, x - BitmapFont.width(label) / 2f, bottom + 5, 1, INK);
        }
        Map<String, List<Bar>> groups = new LinkedHashMap<>();
        bars.forEach(b -> groups.computeIfAbsent(b.group(), k -> new ArrayList<>()).add(b));
        float y = TOP + 8;
        float textOffset = (BAR - BitmapFont.GLYPH_HEIGHT) / 2f;
        for (Map.Entry<String, List<Bar>> g : groups.entrySet()) {
            out.text(g.getKey(), left - 6 - BitmapFont.width(g.getKey()), y + textOffset, 1, INK);
            for (Bar b : g.getValue()) {
                float length = (float) (b.value() / end * plotWidth);
                out.rect(left, y, length, BAR, 0xFF000000 | seriesColors.get(b.series()));
                out.text(text(b), left + length + 4, y + textOffset, 1, INK);
                y += BAR + BAR_GAP;
            }
            y += GROUP_GAP;
        }
        out.rect(left, bottom, plotWidth, 1, INK);
        out.rect(left, TOP, 1, bottom - TOP, INK);
        out.text(title, (width - BitmapFont.width(title) * 2) / 2f, 6, 2, INK);
        out.text(valueLabel, left + (plotWidth - BitmapFont.width(valueLabel)) / 2f, height - 14, 1, INK);
        return ShapeRasterizer.draw(width, height, BACKGROUND, out);
    }

    /** Renders the chart and writes it as a PNG file (atomically). */
    public void writePng(Path target, int width) throws IOException {
        Images.writePng(render(width), target);
    }

    private static String text(Bar b) {
        return b.series() + " " + b.label();
    }
}
