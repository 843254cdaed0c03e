package org.jdive.rendering.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdive.envs.Frame;
import org.junit.jupiter.api.Test;

class ShapeRasterizerTest {

    private static int rgb(Frame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return (f.rgb()[i] & 0xFF) << 16 | (f.rgb()[i + 1] & 0xFF) << 8 | f.rgb()[i + 2] & 0xFF;
    }

    @Test
    void aRectangleCoversExactlyItsPixels() {
        Frame f = ShapeRasterizer.draw(10, 8, 0x000000, new ShapeBatch().rect(2, 3, 4, 2, 0xFFFF0000));
        int covered = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                boolean inside = x >= 2 && x < 6 && y >= 3 && y < 5;
                assertEquals(inside ? 0xFF0000 : 0, rgb(f, x, y), "pixel " + x + "," + y);
                covered += inside ? 1 : 0;
            }
        }
        assertEquals(8, covered);
    }

    @Test
    void translucentShapesBlendOnceEvenOnTheSharedDiagonal() {
        // a square's diagonal passes through pixel centres; a double cover would blend twice
        Frame f = ShapeRasterizer.draw(4, 4, 0x000000, new ShapeBatch().rect(0, 0, 4, 4, 0x80FFFFFF));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(0x808080, rgb(f, x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void lineAndTextAreDrawnWhereAsked() {
        Frame f = ShapeRasterizer.draw(20, 10, 0x000000, new ShapeBatch()
                .line(0, 5, 20, 5, 2, 0xFF00FF00)
                .text("I", 10, 0, 1, 0xFF0000FF));
        assertEquals(0x00FF00, rgb(f, 3, 4));
        assertEquals(0x00FF00, rgb(f, 3, 5));
        assertEquals(0, rgb(f, 3, 3));
        // 'I' in the 5x7 font: a full middle column, bars at the top and bottom
        assertEquals(0x0000FF, rgb(f, 12, 0));
        assertEquals(0x0000FF, rgb(f, 12, 3));
        assertEquals(0x000000, rgb(f, 10, 3));
    }
}
