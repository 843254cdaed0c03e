package org.jdive.rendering.overlay;

import java.util.Locale;
import org.jdive.rendering.text.BitmapFont;

/**
 * A Gaussian policy's action for the current state (continuous actions): for each action value, its density over the
 * action space's range as columns, the mean (what the deterministic policy takes) highlighted and the action last
 * taken marked; captioned with the mean and the standard deviation.
 */
public final class ActionDensity {

    private static final int COLUMNS = 48;
    private static final int PANEL_COLOR = 0xA0000000;
    private static final int AXIS_COLOR = 0xFFC0C0C0;
    private static final int TEXT_COLOR = 0xFFFFFFFF;
    private static final int TAKEN_COLOR = 0xFFFFFFFF;

    private ActionDensity() {
    }

    /**
     * Adds the densities of {@code N(mean[i], std[i])} over {@code [low[i], high[i]]}, one row per action value, with
     * the action {@code taken} marked where it is not {@code null}, inside the box at {@code (x, y)} of size
     * {@code w × h} to {@code out}.
     */
    public static ShapeBatch draw(float[] mean, float[] std, float[] low, float[] high, float[] taken, float x, float y,
                                  float w, float h, ShapeBatch out) {
        int k = mean.length;
        if (k == 0 || std.length != k || low.length != k || high.length != k) {
            throw new IllegalArgumentException("action density needs one mean, std, low and high per action value");
        }
        out.rect(x, y, w, h, PANEL_COLOR);
        String caption = k == 1
                ? String.format(Locale.ROOT, "policy mean %.3f std %.3f", mean[0], std[0])
                : String.format(Locale.ROOT, "policy, %d actions", k);
        out.text(caption, x + 2, y + 1, 1, TEXT_COLOR);
        float top = y + BitmapFont.CELL_HEIGHT + 2;
        float rowH = (h - BitmapFont.CELL_HEIGHT - 4) / k;
        float slot = w / COLUMNS;
        for (int i = 0; i < k; i++) {
            float base = top + (i + 1) * rowH - 1;
            boolean bounded = Float.isFinite(low[i]) && Float.isFinite(high[i]);
            float from = bounded ? low[i] : mean[i] - 3 * std[i]; // an unbounded action: three deviations each side
            double span = bounded ? high[i] - (double) low[i] : 6.0 * std[i];
            double[] density = new double[COLUMNS];
            double peak = 0;
            for (int c = 0; c < COLUMNS; c++) {
                double a = from + span * (c + 0.5) / COLUMNS;
                double z = (a - mean[i]) / std[i];
                density[c] = Math.exp(-0.5 * z * z);
                peak = Math.max(peak, density[c]);
            }
            int meanColumn = column(mean[i], from, span);
            for (int c = 0; c < COLUMNS; c++) {
                float barH = (float) ((rowH - 3) * (peak > 0 ? density[c] / peak : 0));
                out.rect(x + c * slot, base - barH, Math.max(1, slot - 1), Math.max(1, barH),
                        c == meanColumn ? ActionBars.GREEDY_COLOR : ActionBars.BAR_COLOR);
            }
            out.rect(x, base, w, 1, AXIS_COLOR);
            if (taken != null) {
                out.rect(x + column(taken[i], from, span) * slot, base - rowH + 3, 2, rowH - 3, TAKEN_COLOR);
            }
        }
        return out;
    }

    /** The column of value {@code v}, clamped to the range. */
    private static int column(float v, float low, double span) {
        return (int) Math.clamp(Math.floor((v - low) / span * COLUMNS), 0, COLUMNS - 1);
    }
}
