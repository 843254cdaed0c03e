package org.jdive.gan.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {

    @Test
    void imagesAreTiledWithTwoPixelsOfPaddingAndMappedFromMinusOneOne(@TempDir Path dir) throws Exception {
        // three grey 2x2 images: all -1, all 0, all 1; two per row
        float[] v = new float[3 * 4];
        for (int i = 0; i < 4; i++) {
            v[i] = -1f;
            v[4 + i] = 0f;
            v[8 + i] = 1f;
        }
        Path png = dir.resolve("grid.png");
        try (Tensor images = Tensor.of(v, 3, 1, 2, 2)) {
            SampleGrid.write(png, images, 2);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * (2 + 2) + 2, img.getWidth());
        assertEquals(2 * (2 + 2) + 2, img.getHeight());
        assertEquals(0x000000, img.getRGB(0, 0) & 0xffffff, "padding is black");
        assertEquals(0x000000, img.getRGB(2, 2) & 0xffffff, "-1 is black");
        assertEquals(0x808080, img.getRGB(6, 3) & 0xffffff, "0 is mid-grey (127.5 rounds to 128)");
        assertEquals(0xffffff, img.getRGB(3, 7) & 0xffffff, "1 is white");
        assertEquals(0x000000, img.getRGB(7, 7) & 0xffffff, "an empty cell stays black");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void colourImagesKeepTheirChannels(@TempDir Path dir) throws Exception {
        float[] v = {1f, -1f, -1f};      // one 1x1 RGB pixel: pure red
        Path png = dir.resolve("red.png");
        try (Tensor images = Tensor.of(v, 1, 3, 1, 1)) {
            SampleGrid.write(png, images, 8);
        }
        assertEquals(0xff0000, ImageIO.read(png.toFile()).getRGB(2, 2) & 0xffffff);
    }

    @Test
    void badShapesAreRefused(@TempDir Path dir) {
        try (Tensor t = Tensor.zeros(2, 2, 4, 4)) {
            assertThrows(IllegalArgumentException.class, () -> SampleGrid.write(dir.resolve("x.png"), t, 2));
        }
    }
}
