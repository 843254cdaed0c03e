package org.jdive.rendering.overlay;

import java.util.Locale;

/** A small line plot of a series (e.g. episode returns), scaled to its own range, with its last value printed. */
public final class Sparkline {

    static final int LINE_COLOR = 0xFF7CFC00;
    private static final int PANEL_COLOR = 0xA0000000;
    private static final int TEXT_COLOR = 0xFFFFFFFF;

    private Sparkline() {
    }

    /** Adds the plot of {@code ys} with its {@code title} inside the box at {@code (x, y)}, {@code w x h} pixels. */
    public static ShapeBatch draw(String title, double[] ys, float x, float y, float w, float h, ShapeBatch out) {
        out.rect(x, y, w, h, PANEL_COLOR);
        String caption = ys.length == 0 ? title : String.format(Locale.ROOT, "%s %.2f", title, ys[ys.length - 1]);
        out.text(caption, x + 2, y + 1, 1, TEXT_COLOR);
        if (ys.length == 0) {
            return out;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : ys) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi > lo ? hi - lo : 1;
        float top = y + 11;
        float plotH = h - 13;
        float step = ys.length > 1 ? (w - 4) / (ys.length - 1) : 0;
        float prevX = 0;
        float prevY = 0;
        for (int i = 0; i < ys.length; i++) {
            float px = x + 2 + i * step;
            float py = (float) (top + plotH * (hi - ys[i]) / span);
            if (i > 0) {
                out.line(prevX, prevY, px, py, 1.5f, LINE_COLOR);
            } else if (ys.length == 1) {
                out.rect(px - 1, py - 1, 2, 2, LINE_COLOR);
            }
            prevX = px;
            prevY = py;
        }
        return out;
    }
}
