package org.jdive.gan.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixturePlotTest {

    @Test
    void plotsSamplesOverTheModesAtTheAskedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("ring.png");
        MixturePlot.write(png, "ring, epoch 1", GaussianMixture.ring8(), new float[] {-1f, 1f, 2f, 0f}, 240);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(240, img.getWidth());
        assertEquals(240, img.getHeight());
        assertTrue(reddish(img) > 8 * 10, "eight red circles");
    }

    @Test
    void refusesPlotsTooSmallToRead(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class,
                () -> MixturePlot.write(dir.resolve("x.png"), "t", GaussianMixture.ring8(), new float[0], 50));
    }

    private static int reddish(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (((p >> 16) & 0xff) > 180 && ((p >> 8) & 0xff) < 120 && (p & 0xff) < 120) {
                    n++;
                }
            }
        }
        return n;
    }
}
