package org.jdive.gan.mixture;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.engine.chart.ScatterChart;

/**
 * A scatter plot of 2-D samples over a mixture's modes, so that collapse shows at a glance: samples as blue dots,
 * each mode's high-quality disc (radius 3σ, at least a 120th of the view) outlined in red. The view spans the modes
 * plus a margin of a quarter of their extent on every side.
 */
public final class MixturePlot {

    private MixturePlot() {
    }

    /**
     * Writes the plot of {@code samples} ({@code [n, 2]}) over {@code mixture} to {@code png}, {@code pixels} square,
     * titled {@code title}.
     */
    public static void write(Path png, String title, GaussianMixture mixture, float[] samples, int pixels)
            throws IOException {
        if (pixels < 100) {
            throw new IllegalArgumentException("a mixture plot needs at least 100 pixels, got " + pixels);
        }
        double extent = 0;
        for (float[] m : mixture.means()) {
            extent = Math.max(extent, Math.max(Math.abs(m[0]), Math.abs(m[1])));
        }
        double half = Math.max(extent * 1.25, 1.0);
        double radius = Math.max(3 * mixture.sigma(), half / 60);
        new ScatterChart(title, half).points("samples", samples).circles("modes (3σ)", mixture.means(), radius)
                .writePng(png, pixels, pixels);
    }
}
