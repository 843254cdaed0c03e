package org.jdive.engine.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    @TempDir
    Path dir;

    private static LineChart lines(int n) {
        LineChart chart = new LineChart("t", "examples", "loss");
        for (int i = 0; i < n; i++) {
            chart.add("line " + i, new double[] {200, 2000, 20000}, new double[] {1 + i, 0.5 + i, 0.25 + i});
        }
        return chart;
    }

    @Test
    void aLogarithmicXAxisDrawsOtherwiseAndNeedsPositiveX() throws Exception {
        Path linear = dir.resolve("linear.png");
        Path log = dir.resolve("log.png");
        lines(2).writePng(linear, 400, 300);
        lines(2).logX(true).writePng(log, 400, 300);
        assertFalse(Arrays.equals(Files.readAllBytes(linear), Files.readAllBytes(log)));
        LineChart zero = new LineChart("t", "x", "y").add("a", new double[] {0, 1}, new double[] {1, 2});
        var e = assertThrows(IllegalArgumentException.class, () -> zero.logX(true));
        assertTrue(e.getMessage().contains("'a' has x = 0.0"), e.getMessage());
        zero.logX(false);
    }

    @Test
    void manyLinesDrawWithTheirLegendBesideThePlot() throws Exception {
        Path png = dir.resolve("eleven.png");
        LineChart chart = lines(11); // the eleventh comes round to the first colour, dashed
        chart.writePng(png, 960, 540);
        assertEquals(11, chart.series().size());
        assertTrue(Files.size(png) > 0);
    }
}
