package org.jdive.rendering.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.envs.Frame;
import org.jdive.rendering.record.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    private static int rgb(Frame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return (f.rgb()[i] & 0xFF) << 16 | (f.rgb()[i + 1] & 0xFF) << 8 | f.rgb()[i + 2] & 0xFF;
    }

    @Test
    void niceTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, LineChart.niceTicks(0, 100, 6), 1e-9);
        assertArrayEquals(new double[] {-0.5, 0, 0.5, 1, 1.5}, LineChart.niceTicks(-0.3, 1.2, 6), 1e-9);
        double[] t = LineChart.niceTicks(3, 497, 8);
        assertTrue(t[0] <= 3 && t[t.length - 1] >= 497);
    }

    @Test
    void aSeriesIsDrawnWhereItsValuesMapTo(@TempDir Path dir) throws IOException {
        // y = 0..100 over x = 0..100: ticks 0..100 exactly, so the plot box maps values linearly
        double[] y = new double[101];
        for (int i = 0; i < y.length; i++) {
            y[i] = i;
        }
        LineChart chart = new LineChart("returns", "episode", "return").add("return", y);
        Path png = dir.resolve("chart.png");
        chart.writePng(png, 464, 368);
        Frame f = Images.readImage(png);
        assertEquals(464, f.width());
        // plot box: left 64, top 28, 384 x 300; the point (50, 50) lies at (64 + 192, 28 + 150)
        int blue = 0x1F77B4;
        boolean found = false;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                found |= rgb(f, 256 + dx, 178 + dy) == blue;
            }
        }
        assertTrue(found, "the line passes through (50, 50)");
        assertEquals(0xFFFFFF, rgb(f, 300, 100), "above the diagonal is background");
    }

    @Test
    void badSeriesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").add("loss", new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("'loss' point 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new LineChart("t", "x", "y").add("loss", new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y").render(400, 300));
    }

    @Test
    void aBandIsShadedBetweenItsLowAndHighInTheSeriesColour() {
        // x 0..100, line at 50, band 20..80: ticks 0..100 on both axes, plot box 384 x 300 at (64, 28) as above
        double[] x = {0, 100};
        LineChart chart = new LineChart("seeds", "steps", "return")
                .add("cpu", x, new double[] {50, 50}, new double[] {20, 20}, new double[] {80, 80})
                .add("edge", x, new double[] {0, 100}); // stretches the y axis to 0..100
        Frame f = chart.render(464, 368);
        int inBand = rgb(f, 64 + 96, 28 + 150 - 60); // y = 70
        int outside = rgb(f, 64 + 96, 28 + 150 - 120); // y = 90
        assertEquals(0xFFFFFF, outside, "above the band is background");
        int r = inBand >>> 16;
        int b = inBand & 0xFF;
        assertTrue(inBand != 0xFFFFFF && b > r, "the band is a light tint of the series' blue: " + Integer.toHexString(inBand));
        assertTrue(r > 0x1F, "and see-through, lighter than the line: " + Integer.toHexString(inBand));
    }

    @Test
    void aBandsEdgesMustBeOrderedAndFinite() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y")
                .add("cpu", new double[] {0, 1}, new double[] {1, 1}, new double[] {0, 2}, new double[] {2, 1}));
        assertTrue(e.getMessage().contains("'cpu' point 1 has a band from 2.0 down to 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y")
                .add("cpu", new double[] {0}, new double[] {1}, new double[] {Double.NaN}, new double[] {2}));
    }
}
