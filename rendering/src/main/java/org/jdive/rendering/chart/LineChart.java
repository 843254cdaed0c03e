package org.jdive.rendering.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdive.envs.Frame;
import org.jdive.rendering.overlay.ShapeBatch;
import org.jdive.rendering.overlay.ShapeRasterizer;
import org.jdive.rendering.record.Images;
import org.jdive.rendering.text.BitmapFont;

/**
 * A line chart of one or more series (episode returns, losses, GAN metrics) with labelled axes, "nice"
 * ticks (1, 2 or 5 times a power of ten), a grid and a legend, drawn on the CPU to a frame or a PNG file. A series
 * may carry a shaded band around its line, e.g. the spread over seeds, as seaborn's {@code lineplot} draws it.
 *
 * <pre>{@code
 * new LineChart("CartPole-v1, DQN", "episode", "return").add("return", returns).writePng(path, 640, 400);
 * new LineChart("CartPole-v1, 3 seeds", "steps", "mean return").add("cpu", steps, mean, min, max).writePng(path, 640, 400);
 * }</pre>
 */
public final class LineChart {

    /** Matplotlib's "tab10" colours, used for the series in order. */
    static final int[] COLORS = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
        0x7F7F7F, 0xBCBD22, 0x17BECF};
    private static final int BACKGROUND = 0xFFFFFF;
    private static final int INK = 0xFF202020;
    private static final int GRID = 0xFFE4E4E4;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    /** The opacity of a band: its series' colour, mostly see-through, so that lines and other bands show through. */
    private static final int BAND_ALPHA = 0x40;

    /**
     * One named line; {@code x}, {@code y} and, when the series has a band, {@code low} and {@code high} have the
     * same length; {@code low} and {@code high} are null when it has none.
     */
    public record Series(String name, double[] x, double[] y, double[] low, double[] high, int color) {

        /** Whether a band is drawn from {@code low} to {@code high} around the line. */
        public boolean hasBand() {
            return low != null;
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series plotted against its index, 0, 1, 2, … */
    public LineChart add(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return add(name, x, y);
    }

    /** Adds a series of points {@code (x[i], y[i])}. */
    public LineChart add(String name, double[] x, double[] y) {
        check(name, "y", x, y);
        series.add(new Series(name, x.clone(), y.clone(), null, null, COLORS[series.size() % COLORS.length]));
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
        series.add(new Series(name, x.clone(), y.clone(), low.clone(), high.clone(), COLORS[series.size() % COLORS.length]));
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

    /** The series added so far. */
    public List<Series> series() {
        return List.copyOf(series);
    }

    /** Draws the chart on a white {@code width x height} frame. */
    public Frame render(int width, int height) {
        if (width < LEFT + RIGHT + 40 || height < TOP + BOTTOM + 40) {
            throw new IllegalArgumentException("a chart needs at least " + (LEFT + RIGHT + 40) + "x"
                    + (TOP + BOTTOM + 40) + " pixels, got " + width + "x" + height);
        }
        if (series.stream().allMatch(s -> s.y().length == 0)) {
            throw new IllegalArgumentException("chart '" + title + "' has no points to plot; add a series with data");
        }
        double[] xr = range(true);
        double[] yr = range(false);
        double[] xTicks = niceTicks(xr[0], xr[1], 8);
        double[] yTicks = niceTicks(yr[0], yr[1], 6);
        double x0 = Math.min(xr[0], xTicks[0]);
        double x1 = Math.max(xr[1], xTicks[xTicks.length - 1]);
        double y0 = Math.min(yr[0], yTicks[0]);
        double y1 = Math.max(yr[1], yTicks[yTicks.length - 1]);
        Plot plot = new Plot(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM, x0, x1, y0, y1);

        ShapeBatch out = new ShapeBatch();
        for (double t : yTicks) {
            float py = plot.py(t);
            out.rect(plot.left, py, plot.width, 1, GRID);
            String label = format(t, yTicks);
            out.text(label, plot.left - 6 - BitmapFont.width(label), py - 3, 1, INK);
        }
        for (double t : xTicks) {
            float px = plot.px(t);
            out.rect(px, plot.top, 1, plot.height, GRID);
            String label = format(t, xTicks);
            out.text(label, px - BitmapFont.width(label) / 2f, plot.top + plot.height + 5, 1, INK);
        }
        out.rect(plot.left, plot.top + plot.height, plot.width, 1, INK);
        out.rect(plot.left, plot.top, 1, plot.height, INK);
        for (Series s : series) {
            if (s.hasBand()) {
                band(out, plot, s);
            }
        }
        for (Series s : series) {
            for (int i = 0; i + 1 < s.x().length; i++) {
                out.line(plot.px(s.x()[i]), plot.py(s.y()[i]), plot.px(s.x()[i + 1]), plot.py(s.y()[i + 1]), 1.5f,
                        0xFF000000 | s.color());
            }
            if (s.x().length == 1) {
                out.rect(plot.px(s.x()[0]) - 2, plot.py(s.y()[0]) - 2, 4, 4, 0xFF000000 | s.color());
            }
        }
        out.text(title, (width - BitmapFont.width(title) * 2) / 2f, 6, 2, INK);
        out.text(xLabel, plot.left + (plot.width - BitmapFont.width(xLabel)) / 2f, height - 14, 1, INK);
        out.text(yLabel, 4, TOP - 12, 1, INK);
        legend(out, plot);
        return ShapeRasterizer.draw(width, height, BACKGROUND, out);
    }

    /** Renders the chart and writes it as a PNG file (atomically). */
    public void writePng(Path target, int width, int height) throws IOException {
        Images.writePng(render(width, height), target);
    }

    /** Shades the band of {@code s}: a trapezoid between each two neighbouring points, a bar for a single point. */
    private static void band(ShapeBatch out, Plot plot, Series s) {
        int argb = BAND_ALPHA << 24 | s.color();
        double[] x = s.x();
        if (x.length == 1) {
            out.rect(plot.px(x[0]) - 2, plot.py(s.high()[0]), 4, plot.py(s.low()[0]) - plot.py(s.high()[0]), argb);
        }
        for (int i = 0; i + 1 < x.length; i++) {
            out.quad(plot.px(x[i]), plot.py(s.low()[i]), plot.px(x[i + 1]), plot.py(s.low()[i + 1]),
                    plot.px(x[i + 1]), plot.py(s.high()[i + 1]), plot.px(x[i]), plot.py(s.high()[i]), argb);
        }
    }

    private void legend(ShapeBatch out, Plot plot) {
        int widest = series.stream().mapToInt(s -> BitmapFont.width(s.name())).max().orElse(0);
        float x = plot.left + plot.width - widest - 30;
        float y = plot.top + 6;
        out.rect(x - 4, y - 4, widest + 30, series.size() * 12 + 6, 0xE0FFFFFF);
        for (Series s : series) {
            out.rect(x, y + 3, 16, 2, 0xFF000000 | s.color());
            out.text(s.name(), x + 20, y, 1, INK);
            y += 12;
        }
    }

    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] values : xAxis ? List.of(s.x()) : s.hasBand() ? List.of(s.y(), s.low(), s.high()) : List.of(s.y())) {
                for (double v : values) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    /**
     * Tick positions covering {@code [lo, hi]}, at most about {@code maxTicks} of them, spaced 1, 2 or 5 times
     * a power of ten, starting at or below {@code lo} and ending at or above {@code hi}.
     */
    static double[] niceTicks(double lo, double hi, int maxTicks) {
        double raw = (hi - lo) / Math.max(1, maxTicks - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        int n = (int) Math.ceil((hi - first) / step - 1e-9) + 1;
        double[] ticks = new double[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    /** A tick's label, with as many decimals as the ticks' spacing needs. */
    static String format(double value, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        double clean = Math.abs(value) < step * 1e-6 ? 0 : value;
        return String.format(Locale.ROOT, "%." + decimals + "f", clean);
    }

    /** Maps data coordinates to pixels inside the plot box. */
    private record Plot(float left, float top, float width, float height, double x0, double x1, double y0, double y1) {

        float px(double x) {
            return (float) (left + (x - x0) / (x1 - x0) * width);
        }

        float py(double y) {
            return (float) (top + height - (y - y0) / (y1 - y0) * height);
        }
    }
}
