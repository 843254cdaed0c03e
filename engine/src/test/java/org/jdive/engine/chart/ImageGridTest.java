package org.jdive.engine.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir
    Path dir;

    @Test
    void tilesScaledImagesInRowsWithCaptionsAndMarksInRed() throws Exception {
        float[] white = new float[4 * 4];
        Arrays.fill(white, 1f);
        float[] black = new float[4 * 4];
        ImageGrid grid = new ImageGrid(1, 4, 4, 5, 2);
        grid.add(white, List.of("coat", "coat"), false).add(black, List.of("shirt", "t-shirt"), true)
                .add(white, List.of("bag", "bag"), false);
        Path png = dir.resolve("grid.png");
        grid.writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        BufferedImage drawn = grid.render();
        assertEquals(drawn.getWidth(), img.getWidth());
        assertTrue(img.getHeight() > 2 * 4 * 5, "two rows of 20-pixel images and their captions: " + img.getHeight());
        assertEquals(20, rowsWithRun(img, 0x000000, 20), "the black image is drawn 5 times its 4 × 4 pixels");
        int red = ImageGrid.MARK.getRGB() & 0xFFFFFF;
        assertTrue(count(img, red) > 4 * 20, "a marked tile has a red border and a red last caption line");
        BufferedImage unmarked = new ImageGrid(1, 4, 4, 5, 2).add(black, List.of("shirt", "t-shirt"), false).render();
        assertEquals(0, count(unmarked, red));
    }

    @Test
    void refusesImagesOfTheWrongSizeAndAnEmptyGrid() {
        ImageGrid grid = new ImageGrid(3, 2, 2, 1, 4);
        assertThrows(IllegalArgumentException.class, () -> grid.add(new float[4], List.of(), false));
        assertThrows(IllegalStateException.class, () -> grid.writePng(dir.resolve("empty.png")));
        assertThrows(IllegalArgumentException.class, () -> new ImageGrid(2, 2, 2, 1, 1));
    }

    /** The number of rows that hold a horizontal run of {@code run} or more pixels exactly {@code rgb}. */
    private static int rowsWithRun(BufferedImage img, int rgb, int run) {
        int rows = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int length = 0;
            for (int x = 0; x < img.getWidth() && length < run; x++) {
                length = (img.getRGB(x, y) & 0xFFFFFF) == rgb ? length + 1 : 0;
            }
            rows += length >= run ? 1 : 0;
        }
        return rows;
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
