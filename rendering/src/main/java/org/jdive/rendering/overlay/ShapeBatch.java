package org.jdive.rendering.overlay;

import java.util.Arrays;
import org.jdive.rendering.text.BitmapFont;

/**
 * Coloured triangles in pixel coordinates (x to the right, y down), the one kind of geometry every overlay,
 * HUD line and chart is made of. The window uploads {@link #vertexData()} to OpenGL as it is; headless
 * code draws the same batch with {@link ShapeRasterizer}. Colours are {@code 0xAARRGGBB} ints.
 */
public final class ShapeBatch {

    /** Floats per vertex: x, y, red, green, blue, alpha (colour channels in [0, 1]). */
    public static final int FLOATS_PER_VERTEX = 6;

    private float[] data = new float[FLOATS_PER_VERTEX * 3 * 64];
    private int size;

    /** An empty batch. */
    public ShapeBatch() {
    }

    /** Number of triangles in the batch. */
    public int triangleCount() {
        return size / (FLOATS_PER_VERTEX * 3);
    }

    /** The vertices, {@link #FLOATS_PER_VERTEX} floats each, three per triangle; a copy of the filled part. */
    public float[] vertexData() {
        return Arrays.copyOf(data, size);
    }

    /** Removes every triangle, keeping the storage. */
    public ShapeBatch clear() {
        size = 0;
        return this;
    }

    /** Adds one triangle. */
    public ShapeBatch triangle(float x0, float y0, float x1, float y1, float x2, float y2, int argb) {
        ensure(FLOATS_PER_VERTEX * 3);
        vertex(x0, y0, argb);
        vertex(x1, y1, argb);
        vertex(x2, y2, argb);
        return this;
    }

    /** Adds an axis-aligned rectangle with top-left corner {@code (x, y)}. */
    public ShapeBatch rect(float x, float y, float w, float h, int argb) {
        triangle(x, y, x + w, y, x + w, y + h, argb);
        return triangle(x, y, x + w, y + h, x, y + h, argb);
    }

    /** Adds a convex quadrilateral given by its corners in order. */
    public ShapeBatch quad(float x0, float y0, float x1, float y1, float x2, float y2, float x3, float y3, int argb) {
        triangle(x0, y0, x1, y1, x2, y2, argb);
        return triangle(x0, y0, x2, y2, x3, y3, argb);
    }

    /** Adds a segment {@code thickness} pixels wide between two points. */
    public ShapeBatch line(float x0, float y0, float x1, float y1, float thickness, int argb) {
        float dx = x1 - x0;
        float dy = y1 - y0;
        float length = (float) Math.hypot(dx, dy);
        if (length == 0) {
            return rect(x0 - thickness / 2, y0 - thickness / 2, thickness, thickness, argb);
        }
        float nx = -dy / length * thickness / 2;
        float ny = dx / length * thickness / 2;
        return quad(x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny, argb);
    }

    /**
     * Adds one line of text in {@link BitmapFont}, top-left corner at {@code (x, y)}, each font pixel drawn as a
     * {@code scale}-by-{@code scale} square.
     */
    public ShapeBatch text(String line, float x, float y, float scale, int argb) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            float left = x + i * BitmapFont.CELL_WIDTH * scale;
            for (int gy = 0; gy < BitmapFont.GLYPH_HEIGHT; gy++) {
                for (int gx = 0; gx < BitmapFont.GLYPH_WIDTH; gx++) {
                    if (BitmapFont.pixel(c, gx, gy)) {
                        rect(left + gx * scale, y + gy * scale, scale, scale, argb);
                    }
                }
            }
        }
        return this;
    }

    /** Appends every triangle of {@code other}. */
    public ShapeBatch addAll(ShapeBatch other) {
        ensure(other.size);
        System.arraycopy(other.data, 0, data, size, other.size);
        size += other.size;
        return this;
    }

    private void vertex(float x, float y, int argb) {
        data[size++] = x;
        data[size++] = y;
        data[size++] = (argb >>> 16 & 0xFF) / 255f;
        data[size++] = (argb >>> 8 & 0xFF) / 255f;
        data[size++] = (argb & 0xFF) / 255f;
        data[size++] = (argb >>> 24) / 255f;
    }

    private void ensure(int more) {
        if (size + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
        }
    }
}
