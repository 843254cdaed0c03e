package org.jdive.rendering.overlay;

import java.util.Locale;
import org.jdive.rendering.text.BitmapFont;

/**
 * A score per action of the current state (Q-values, a policy's probabilities) as one bar per action, drawn up or
 * down from a zero line, the highest-scoring action's bar highlighted; labelled with the action index, and captioned
 * with the scores' name, the highest score and its action.
 */
public final class ActionBars {

    static final int BAR_COLOR = 0xFF5B8DEF;
    static final int GREEDY_COLOR = 0xFFFFB000;
    private static final int PANEL_COLOR = 0xA0000000;
    private static final int AXIS_COLOR = 0xFFC0C0C0;
    private static final int TEXT_COLOR = 0xFFFFFFFF;

    private ActionBars() {
    }

    /**
     * Adds bars for the scores {@code q}, called {@code name} ("Q", "policy"), inside the box at {@code (x, y)} of size
     * {@code w x h} (pixels) to {@code out}.
     */
    public static ShapeBatch draw(String name, float[] q, float x, float y, float w, float h, ShapeBatch out) {
        if (q.length == 0) {
            throw new IllegalArgumentException("action bars need at least one action, got an empty array");
        }
        out.rect(x, y, w, h, PANEL_COLOR);
        float lo = 0;
        float hi = 0;
        int greedy = 0;
        for (int a = 0; a < q.length; a++) {
            lo = Math.min(lo, q[a]);
            hi = Math.max(hi, q[a]);
            if (q[a] > q[greedy]) {
                greedy = a;
            }
        }
        float span = hi > lo ? hi - lo : 1;
        float top = y + BitmapFont.CELL_HEIGHT + 2;
        float plotH = h - 2 * (BitmapFont.CELL_HEIGHT + 2);
        float zeroY = top + plotH * hi / span;
        float slot = w / q.length;
        for (int a = 0; a < q.length; a++) {
            float barY = top + plotH * (hi - Math.max(q[a], 0)) / span;
            float barH = plotH * Math.abs(q[a]) / span;
            out.rect(x + a * slot + slot * 0.15f, barY, slot * 0.7f, Math.max(1, barH),
                    a == greedy ? GREEDY_COLOR : BAR_COLOR);
            String label = String.valueOf(a);
            out.text(label, x + a * slot + (slot - BitmapFont.width(label)) / 2, y + h - BitmapFont.CELL_HEIGHT, 1,
                    TEXT_COLOR);
        }
        out.rect(x, zeroY, w, 1, AXIS_COLOR);
        out.text(String.format(Locale.ROOT, "%s max %.3f (a=%d)", name, q[greedy], greedy), x + 2, y + 1, 1, TEXT_COLOR);
        return out;
    }
}
