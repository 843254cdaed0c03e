package org.jdive.engine.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterChartTest {

    private static final int BLUE = 0x1F77B4;
    private static final int RED = 0xD62728;

    @TempDir
    Path dir;

    @Test
    void drawsPointsInBlueAndCirclesInRed() throws Exception {
        Path png = dir.resolve("scatter.png");
        new ScatterChart("ring", 2.5).points("samples", new float[] {-1f, 1f, 0.5f, -0.5f})
                .circles("modes", new float[][] {{2f, 0f}, {0f, 2f}}, 0.1).writePng(png, 300, 300);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(300, img.getWidth());
        assertEquals(300, img.getHeight());
        assertTrue(count(img, BLUE) > 0, "the samples are drawn");
        assertTrue(count(img, RED) > 0, "the circles are drawn");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void pointsOutsideTheSquareAreLeftOut() throws Exception {
        Path inside = dir.resolve("inside.png");
        Path also = dir.resolve("also-outside.png");
        new ScatterChart("t", 1).points("samples", new float[] {0.5f, 0.5f}).writePng(inside, 200, 200);
        new ScatterChart("t", 1).points("samples", new float[] {5f, 5f, 0.5f, 0.5f, -7f, 3f, Float.NaN, 0f})
                .writePng(also, 200, 200);
        assertArrayEquals(Files.readAllBytes(inside), Files.readAllBytes(also));
    }

    @Test
    void refusesHalfPointsAndAnEmptySquare() {
        assertThrows(IllegalArgumentException.class, () -> new ScatterChart("t", 1).points("odd", new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new ScatterChart("t", 0));
    }

    /** The pixels within a small distance of {@code rgb} (markers are antialiased at their edges). */
    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - (rgb >> 16)) + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff)) < 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
