package org.jdive.envs.render;

import java.util.Arrays;
import org.jdive.envs.Frame;

/**
 * A small software rasteriser into an RGB byte buffer: filled rectangles, circles and polygons, lines.
 * Coordinates are pixels from the top-left corner, x to the right and y down; a shape covers the pixels
 * whose centres {@code (x + 0.5, y + 0.5)} it contains, and anything outside the canvas is clipped.
 * Colours are {@code 0xRRGGBB} ints.
 */
public final class Canvas {

    private final int width;
    private final int height;
    private final byte[] rgb;

    /** A black canvas of {@code width × height} pixels, both positive. */
    public Canvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas needs a positive size, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.rgb = new byte[width * height * 3];
    }

    /** In pixels. */
    public int width() {
        return width;
    }

    /** In pixels. */
    public int height() {
        return height;
    }

    /** Fills the whole canvas with one colour. */
    public Canvas clear(int color) {
        return fillRect(0, 0, width, height, color);
    }

    /** Sets one pixel, if it lies on the canvas. */
    public Canvas set(int x, int y, int color) {
        if (x >= 0 && x < width && y >= 0 && y < height) {
            int i = (y * width + x) * 3;
            rgb[i] = (byte) (color >>> 16);
            rgb[i + 1] = (byte) (color >>> 8);
            rgb[i + 2] = (byte) color;
        }
        return this;
    }

    /** The colour of one pixel as {@code 0xRRGGBB}. */
    public int get(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }

    /** Fills the rectangle with top-left corner {@code (x, y)}, {@code w} pixels wide and {@code h} high. */
    public Canvas fillRect(int x, int y, int w, int h, int color) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        for (int py = y0; py < y1; py++) {
            fillSpan(py, x0, x1, color);
        }
        return this;
    }

    /** Draws the one-pixel outline of a rectangle. */
    public Canvas strokeRect(int x, int y, int w, int h, int color) {
        fillRect(x, y, w, 1, color);
        fillRect(x, y + h - 1, w, 1, color);
        fillRect(x, y, 1, h, color);
        return fillRect(x + w - 1, y, 1, h, color);
    }

    /** Fills the disc of radius {@code r} around {@code (cx, cy)}. */
    public Canvas fillCircle(double cx, double cy, double r, int color) {
        int y0 = Math.max(0, (int) Math.floor(cy - r));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + r));
        for (int py = y0; py <= y1; py++) {
            double dy = py + 0.5 - cy;
            double half = r * r - dy * dy;
            if (half >= 0) {
                double dx = Math.sqrt(half);
                fillSpan(py, spanStart(cx - dx), spanEnd(cx + dx), color);
            }
        }
        return this;
    }

    /** Fills a simple or self-intersecting polygon (even-odd rule) given by its vertices in order. */
    public Canvas fillPolygon(double[] xs, double[] ys, int color) {
        if (xs.length != ys.length || xs.length < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices with x and y each, got "
                    + xs.length + " x and " + ys.length + " y");
        }
        double minY = Arrays.stream(ys).min().orElseThrow();
        double maxY = Arrays.stream(ys).max().orElseThrow();
        double[] crossings = new double[xs.length];
        for (int py = Math.max(0, (int) Math.floor(minY)); py <= Math.min(height - 1, (int) Math.ceil(maxY)); py++) {
            double sy = py + 0.5;
            int n = 0;
            for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
                if ((ys[i] <= sy) != (ys[j] <= sy)) {
                    crossings[n++] = xs[i] + (sy - ys[i]) / (ys[j] - ys[i]) * (xs[j] - xs[i]);
                }
            }
            Arrays.sort(crossings, 0, n);
            for (int k = 0; k + 1 < n; k += 2) {
                fillSpan(py, spanStart(crossings[k]), spanStart(crossings[k + 1]), color);
            }
        }
        return this;
    }

    /** Draws a line {@code thickness} pixels wide between two points (a filled rotated rectangle). */
    public Canvas line(double x0, double y0, double x1, double y1, double thickness, int color) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return fillCircle(x0, y0, thickness / 2, color);
        }
        double nx = -dy / length * thickness / 2;
        double ny = dx / length * thickness / 2;
        return fillPolygon(new double[] {x0 + nx, x1 + nx, x1 - nx, x0 - nx},
                new double[] {y0 + ny, y1 + ny, y1 - ny, y0 - ny}, color);
    }

    /** Draws a one-pixel polyline through the points, e.g. a curve sampled at many x. */
    public Canvas polyline(double[] xs, double[] ys, int color) {
        for (int i = 0; i + 1 < xs.length; i++) {
            bresenham((int) Math.floor(xs[i]), (int) Math.floor(ys[i]),
                    (int) Math.floor(xs[i + 1]), (int) Math.floor(ys[i + 1]), color);
        }
        return this;
    }

    private void bresenham(int x0, int y0, int x1, int y1, int color) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            set(x0, y0, color);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    /** The first pixel whose centre lies at or right of {@code x}. */
    private static int spanStart(double x) {
        return (int) Math.ceil(x - 0.5);
    }

    /** One past the last pixel whose centre lies at or left of {@code x}. */
    private static int spanEnd(double x) {
        return (int) Math.floor(x - 0.5) + 1;
    }

    private void fillSpan(int y, int fromX, int toX, int color) {
        int x0 = Math.max(0, fromX);
        int x1 = Math.min(width, toX);
        byte r = (byte) (color >>> 16);
        byte g = (byte) (color >>> 8);
        byte b = (byte) color;
        for (int i = (y * width + x0) * 3, end = (y * width + x1) * 3; i < end; i += 3) {
            rgb[i] = r;
            rgb[i + 1] = g;
            rgb[i + 2] = b;
        }
    }

    /** A snapshot of the canvas as a frame (the canvas can be drawn on again afterwards). */
    public Frame toFrame() {
        return new Frame(width, height, rgb.clone());
    }
}
