package org.jdive.gan.mixture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jdive.gan.io.Png;

/**
 * A scatter plot of 2-D samples over a mixture's modes, so that collapse shows at a glance: white background,
 * each mode's high-quality disc (radius 3σ, at least 3 pixels) outlined in red, samples as blue dots. The view
 * spans the modes plus a margin of a quarter of their extent on every side.
 */
public final class MixturePlot {

    private static final Color MODE = new Color(0xD62728);
    private static final Color SAMPLE = new Color(0x1F77B4);

    private MixturePlot() {
    }

    /** Writes the plot of {@code samples} ({@code [n, 2]}) over {@code mixture} to {@code png}, {@code pixels} square. */
    public static void write(Path png, GaussianMixture mixture, float[] samples, int pixels) throws IOException {
        Png.write(png, render(mixture, samples, pixels));
    }

    static BufferedImage render(GaussianMixture mixture, float[] samples, int pixels) {
        if (pixels < 16) {
            throw new IllegalArgumentException("a mixture plot needs at least 16 pixels, got " + pixels);
        }
        double extent = 0;
        for (float[] m : mixture.means()) {
            extent = Math.max(extent, Math.max(Math.abs(m[0]), Math.abs(m[1])));
        }
        double half = Math.max(extent * 1.25, 1.0);
        double scale = pixels / (2 * half);
        BufferedImage img = new BufferedImage(pixels, pixels, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, pixels, pixels);
        g.setColor(SAMPLE);
        for (int i = 0; i + 1 < samples.length; i += 2) {
            int x = (int) Math.floor((samples[i] + half) * scale);
            int y = (int) Math.floor((half - samples[i + 1]) * scale);
            g.fillRect(x, y, 1, 1);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(MODE);
        g.setStroke(new BasicStroke(1f));
        double r = Math.max(3.0, 3 * mixture.sigma() * scale);
        for (float[] m : mixture.means()) {
            double cx = (m[0] + half) * scale;
            double cy = (half - m[1]) * scale;
            g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
        g.dispose();
        return img;
    }
}
