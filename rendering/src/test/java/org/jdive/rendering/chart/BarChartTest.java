package org.jdive.rendering.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.envs.Frame;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static int rgb(Frame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return (f.rgb()[i] & 0xFF) << 16 | (f.rgb()[i + 1] & 0xFF) << 8 | f.rgb()[i + 2] & 0xFF;
    }

    /** The length in pixels of the run of {@code color} starting at column {@code x} of row {@code y}. */
    private static int run(Frame f, int x, int y, int color) {
        int n = 0;
        while (x + n < f.width() && rgb(f, x + n, y) == color) {
            n++;
        }
        return n;
    }

    @Test
    void barsAreAsLongAsTheirValuesOnOneAxisFromZero() {
        BarChart chart = new BarChart("speed", "relative").add("a", "cpu", 1.0, "100 steps/s")
                .add("a", "djl", 0.5, "50 steps/s").add("b", "cpu", 0.25, "5 epochs/s");
        Frame f = chart.render(640);
        assertEquals(chart.height(), f.height());
        // every bar starts at the axis; find it on the first bar's row as the first blue pixel
        int firstRow = 28 + 8 + 7;
        int left = 0;
        while (rgb(f, left, firstRow) != 0x1F77B4) {
            left++;
        }
        int full = run(f, left, firstRow, 0x1F77B4);
        int half = run(f, left, firstRow + 18, 0xFF7F0E);
        int quarter = run(f, left, firstRow + 2 * 18 + 12, 0x1F77B4);
        assertTrue(full > 100, "the longest bar spans the axis: " + full);
        assertEquals(full / 2.0, half, 1.5, "a bar of 0.5 is half the length of one of 1.0");
        assertEquals(full / 4.0, quarter, 1.5, "a series keeps its colour in every group");
    }

    @Test
    void badBarsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "v").add("g", "cpu", -1, ""));
        assertTrue(e.getMessage().contains("'g/cpu' has length -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "v").render(640));
        assertThrows(IllegalArgumentException.class,
                () -> new BarChart("t", "v").add("a very long scenario name", "cpu", 1, "a long label").render(100));
    }
}
