package org.jdive.engine.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapChartTest {

    @TempDir
    Path dir;

    @Test
    void drawsRowZeroAtTheTopAndTheLargestCellInTheDarkestBlue() throws Exception {
        Path png = dir.resolve("heat.png");
        // one large count, top left (row 0, column 0); the rest small
        new HeatMapChart("confusion", "predicted", "true").rows(List.of("a", "b", "c")).columns(List.of("a", "b", "c"))
                .values(new double[][] {{90, 1, 2}, {0, 3, 1}, {2, 0, 1}}).writePng(png, 400, 360);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(400, img.getWidth());
        assertEquals(360, img.getHeight());
        int darkest = HeatMapChart.BLUES[HeatMapChart.BLUES.length - 1].getRGB() & 0xFFFFFF;
        int[] box = bounds(img, darkest);
        assertTrue(box[4] > 1000, "the largest cell is drawn in the darkest colour: " + box[4] + " pixels");
        assertTrue(box[2] < img.getWidth() / 2 && box[3] < img.getHeight() / 2,
                "row 0, column 0 is the top left cell; its pixels end at x " + box[2] + ", y " + box[3]);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void refusesMissingNamesRaggedRowsAndNonFiniteCells() {
        HeatMapChart ragged = new HeatMapChart("t", "x", "y").rows(List.of("a", "b")).columns(List.of("a", "b"))
                .values(new double[][] {{1, 2}, {3}});
        assertThrows(IllegalStateException.class, () -> ragged.writePng(dir.resolve("r.png"), 100, 100));
        HeatMapChart unnamed = new HeatMapChart("t", "x", "y").values(new double[][] {{1}});
        assertThrows(IllegalStateException.class, () -> unnamed.writePng(dir.resolve("u.png"), 100, 100));
        assertThrows(IllegalArgumentException.class, () -> new HeatMapChart("t", "x", "y").values(new double[][] {{Double.NaN}}));
    }

    /** {min x, min y, max x, max y, count} of the pixels exactly {@code rgb}. */
    private static int[] bounds(BufferedImage img, int rgb) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, 0};
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                    box[4]++;
                }
            }
        }
        return box;
    }
}
