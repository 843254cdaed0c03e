package org.jdive.rendering.overlay;

import java.util.Locale;
import org.jdive.rendering.text.BitmapFont;

/**
 * The state values of a gridworld as a translucent viridis heat map over its cells, each cell's value
 * printed in it, and the greedy policy as an arrow per cell, as D2L draws value iteration.
 */
public final class ValueOverlay {

    /** Opacity of the heat map over the env frame. */
    public static final int HEAT_ALPHA = 0x90;
    private static final int ARROW_COLOR = 0xFFFFFFFF;
    private static final int TEXT_COLOR = 0xFFFFFFFF;

    private ValueOverlay() {
    }

    /** Adds the overlay for {@code values} on {@code grid}, in the env frame's pixel coordinates, to {@code out}. */
    public static ShapeBatch draw(StateValues values, GridGeometry grid, ShapeBatch out) {
        float[] v = values.values();
        int[] policy = values.policy();
        if (v.length != grid.states()) {
            throw new IllegalArgumentException("values has " + v.length + " entries but the grid has "
                    + grid.states() + " states (" + grid.rows() + "x" + grid.cols() + ")");
        }
        if (policy != null && policy.length != grid.states()) {
            throw new IllegalArgumentException("policy has " + policy.length + " entries but the grid has "
                    + grid.states() + " states (" + grid.rows() + "x" + grid.cols() + ")");
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        int cell = grid.cellSize();
        for (int s = 0; s < v.length; s++) {
            float x = s % grid.cols() * cell;
            float y = s / grid.cols() * cell;
            out.rect(x, y, cell, cell, HEAT_ALPHA << 24 | Colormap.viridis(normalise(v[s], min, max)));
            if (policy != null && policy[s] >= 0) {
                arrow(out, x + cell / 2f, y + cell / 2f, direction(grid, policy[s]), cell);
            }
            String text = compact(v[s]);
            out.text(text, x + (cell - BitmapFont.width(text)) / 2f, y + 1, 1, TEXT_COLOR);
        }
        return out;
    }

    /** The value in at most five characters, so that it fits a 32-pixel cell: 0.42, -9.99, 12.5, -100. */
    static String compact(float value) {
        float magnitude = Math.abs(value);
        String format = magnitude < 9.995f ? "%.2f" : magnitude < 99.95f ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, format, value);
    }

    private static int[] direction(GridGeometry grid, int action) {
        if (action >= grid.directions().length) {
            throw new IllegalArgumentException("policy action " + action + " is not an action of this grid (0.."
                    + (grid.directions().length - 1) + ", or -1 for none)");
        }
        return grid.directions()[action];
    }

    /** 0 for the smallest value, 1 for the largest, 0.5 everywhere when all are equal. */
    static double normalise(float value, float min, float max) {
        return max > min ? (value - min) / (max - min) : 0.5;
    }

    /** An arrow from the cell centre towards {@code dir}: a shaft and a triangular head, about half a cell long. */
    private static void arrow(ShapeBatch out, float cx, float cy, int[] dir, int cell) {
        float dx = dir[0];
        float dy = dir[1];
        float length = cell * 0.32f;
        float tipX = cx + dx * length;
        float tipY = cy + dy * length;
        float baseX = cx + dx * length * 0.3f;
        float baseY = cy + dy * length * 0.3f;
        float half = cell * 0.14f;
        out.line(cx - dx * length * 0.5f, cy - dy * length * 0.5f, baseX, baseY, Math.max(2, cell / 14f), ARROW_COLOR);
        out.triangle(tipX, tipY, baseX - dy * half, baseY + dx * half, baseX + dy * half, baseY - dx * half,
                ARROW_COLOR);
    }
}
