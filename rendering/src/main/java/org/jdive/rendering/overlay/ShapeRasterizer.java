package org.jdive.rendering.overlay;

import org.jdive.envs.Frame;

/**
 * Draws a {@link ShapeBatch} into an RGB frame on the CPU, blending each triangle over the pixels by its
 * alpha. A triangle covers the pixels whose centres {@code (x + 0.5, y + 0.5)} lie inside it, with a
 * top-left rule on shared edges, as OpenGL rasterises, so that two triangles of a rectangle never both
 * cover a pixel on their diagonal and headless pictures match the window's.
 */
public final class ShapeRasterizer {

    private ShapeRasterizer() {
    }

    /** A new frame: {@code background} with {@code shapes} drawn over it. */
    public static Frame draw(Frame background, ShapeBatch shapes) {
        byte[] rgb = background.rgb().clone();
        float[] v = shapes.vertexData();
        int stride = ShapeBatch.FLOATS_PER_VERTEX;
        for (int t = 0; t < v.length; t += 3 * stride) {
            fillTriangle(rgb, background.width(), background.height(), v, t);
        }
        return new Frame(background.width(), background.height(), rgb);
    }

    /** A new frame of the given size filled with {@code rgb} (a {@code 0xRRGGBB} colour) with {@code shapes} over it. */
    public static Frame draw(int width, int height, int rgb, ShapeBatch shapes) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) (rgb >>> 16);
            pixels[i + 1] = (byte) (rgb >>> 8);
            pixels[i + 2] = (byte) rgb;
        }
        return draw(new Frame(width, height, pixels), shapes);
    }

    private static void fillTriangle(byte[] rgb, int width, int height, float[] v, int t) {
        int s = ShapeBatch.FLOATS_PER_VERTEX;
        double x0 = v[t];
        double y0 = v[t + 1];
        double x1 = v[t + s];
        double y1 = v[t + s + 1];
        double x2 = v[t + 2 * s];
        double y2 = v[t + 2 * s + 1];
        double area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
        if (area == 0) {
            return;
        }
        if (area < 0) { // make the winding consistent so that "inside" is edge >= 0
            double tx = x1;
            double ty = y1;
            x1 = x2;
            y1 = y2;
            x2 = tx;
            y2 = ty;
        }
        float alpha = v[t + 5];
        int r = Math.round(v[t + 2] * 255);
        int g = Math.round(v[t + 3] * 255);
        int b = Math.round(v[t + 4] * 255);
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2))));
        int maxX = Math.min(width - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2))));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, Math.min(y1, y2))));
        int maxY = Math.min(height - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2))));
        for (int py = minY; py <= maxY; py++) {
            double cy = py + 0.5;
            for (int px = minX; px <= maxX; px++) {
                double cx = px + 0.5;
                if (inside(x0, y0, x1, y1, cx, cy) && inside(x1, y1, x2, y2, cx, cy)
                        && inside(x2, y2, x0, y0, cx, cy)) {
                    int i = (py * width + px) * 3;
                    rgb[i] = blend(rgb[i], r, alpha);
                    rgb[i + 1] = blend(rgb[i + 1], g, alpha);
                    rgb[i + 2] = blend(rgb[i + 2], b, alpha);
                }
            }
        }
    }

    /** Whether {@code (px, py)} is on the inner side of edge a→b; points on the edge count for top and left edges only. */
    private static boolean inside(double ax, double ay, double bx, double by, double px, double py) {
        double e = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
        if (e != 0) {
            return e > 0;
        }
        // y grows downwards: with positive winding a top edge runs right (ay == by, bx > ax), a left edge runs up.
        return (ay == by && bx > ax) || by < ay;
    }

    private static byte blend(byte under, int over, float alpha) {
        return (byte) Math.round((under & 0xFF) * (1 - alpha) + over * alpha);
    }
}
