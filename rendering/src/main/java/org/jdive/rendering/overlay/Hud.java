package org.jdive.rendering.overlay;

import java.util.List;
import org.jdive.rendering.text.BitmapFont;

/** Lines of text on a translucent dark panel, in {@link BitmapFont} scaled up by a whole factor. */
public final class Hud {

    private static final int PANEL_COLOR = 0xA0000000;
    private static final int TEXT_COLOR = 0xFFFFFFFF;

    private Hud() {
    }

    /** Adds the panel with {@code lines}, top-left corner at {@code (x, y)}, to {@code out}. */
    public static ShapeBatch draw(List<String> lines, float x, float y, int scale, ShapeBatch out) {
        int widest = lines.stream().mapToInt(BitmapFont::width).max().orElse(0);
        int pad = 2 * scale;
        out.rect(x, y, widest * scale + 2 * pad, lines.size() * BitmapFont.CELL_HEIGHT * scale + 2 * pad - scale,
                PANEL_COLOR);
        for (int i = 0; i < lines.size(); i++) {
            out.text(lines.get(i), x + pad, y + pad + i * BitmapFont.CELL_HEIGHT * scale, scale, TEXT_COLOR);
        }
        return out;
    }

    /** The size {@link #draw} gives {@code lines}: {@code {width, height}} in pixels. */
    public static int[] size(List<String> lines, int scale) {
        int widest = lines.stream().mapToInt(BitmapFont::width).max().orElse(0);
        return new int[] {widest * scale + 4 * scale, lines.size() * BitmapFont.CELL_HEIGHT * scale + 3 * scale};
    }
}
