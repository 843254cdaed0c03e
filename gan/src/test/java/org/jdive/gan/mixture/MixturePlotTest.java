package org.jdive.gan.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixturePlotTest {

    @Test
    void samplesAreBlueDotsAndModesRedCircles(@TempDir Path dir) throws Exception {
        GaussianMixture ring = GaussianMixture.ring8();         // modes at radius 2: the view spans ±2.5
        Path png = dir.resolve("ring.png");
        MixturePlot.write(png, ring, new float[] {-1f, 1f}, 100); // (-1, 1) -> pixel (30, 30)
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(100, img.getWidth());
        assertEquals(0x1F77B4, img.getRGB(30, 30) & 0xffffff);
        assertEquals(0xFFFFFF, img.getRGB(50, 50) & 0xffffff, "the origin is empty");
        // mode 0 at (2, 0) -> pixel (90, 50); its circle (radius 3 px) passes through (93, 50)
        int red = img.getRGB(93, 50) & 0xffffff;
        assertEquals(0xD6, red >> 16, 0x30, "the circle is red-ish (antialiased)");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
