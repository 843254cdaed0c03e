package org.jdive.envs.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jdive.envs.Frame;
import org.junit.jupiter.api.Test;

class CanvasTest {

    private static final int BG = 0x000000;
    private static final int RED = 0xFF0000;

    @Test
    void fillRectCoversExactlyItsPixelsAndClips() {
        Canvas c = new Canvas(10, 8).clear(BG).fillRect(2, 3, 4, 2, RED).fillRect(8, 6, 10, 10, RED);
        int painted = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                painted += c.get(x, y) == RED ? 1 : 0;
            }
        }
        assertEquals(8 + 4, painted);
        assertEquals(RED, c.get(2, 3));
        assertEquals(RED, c.get(5, 4));
        assertEquals(BG, c.get(6, 4));
        assertEquals(BG, c.get(2, 5));
    }

    @Test
    void circleCoversThePixelsWhoseCentresItContains() {
        Canvas c = new Canvas(21, 21).clear(BG).fillCircle(10.5, 10.5, 5, RED);
        int painted = 0;
        int expected = 0;
        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 21; x++) {
                painted += c.get(x, y) == RED ? 1 : 0;
                double dx = x + 0.5 - 10.5;
                double dy = y + 0.5 - 10.5;
                expected += dx * dx + dy * dy <= 25 ? 1 : 0;
            }
        }
        assertEquals(expected, painted);
    }

    @Test
    void triangleHasHalfTheAreaOfItsSquare() {
        Canvas c = new Canvas(100, 100).clear(BG).fillPolygon(new double[] {0, 100, 0}, new double[] {0, 100, 100}, RED);
        int painted = 0;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                painted += c.get(x, y) == RED ? 1 : 0;
            }
        }
        assertEquals(5000, painted, 100);
        assertEquals(RED, c.get(1, 98));
        assertEquals(BG, c.get(98, 1));
    }

    @Test
    void thickLineCoversItsAxisAndFrameCopiesTheBytes() {
        Canvas c = new Canvas(50, 50).clear(BG).line(5, 25, 45, 25, 4, 0x123456);
        assertEquals(0x123456, c.get(25, 25));
        assertEquals(0x123456, c.get(25, 23));
        assertEquals(BG, c.get(25, 28));
        Frame frame = c.toFrame();
        c.clear(RED);
        assertEquals(0x12, frame.rgb()[(25 * 50 + 25) * 3]);
        assertEquals(50 * 50 * 3, frame.rgb().length);
    }
}
