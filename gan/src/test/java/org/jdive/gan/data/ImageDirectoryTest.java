package org.jdive.gan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jdive.core.data.ArrayDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDirectoryTest {

    /** A 6x2 image: columns 0-1 red, 2-3 green, 4-5 blue. */
    private static void stripes(Path file) throws IOException {
        BufferedImage img = new BufferedImage(6, 2, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff};
        for (int x = 0; x < 6; x++) {
            for (int y = 0; y < 2; y++) {
                img.setRGB(x, y, colours[x / 2]);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void imagesAreCentreCroppedResizedAndScaledAndBadFilesSkipped(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("photos");
        stripes(root.resolve("a.png"));
        stripes(root.resolve("nested/b.png"));
        Files.createDirectories(root.resolve("z"));
        Files.write(root.resolve("z/broken.jpg"), new byte[] {1, 2, 3, 4});
        Files.writeString(root.resolve("notes.txt"), "not an image, not a candidate");

        ImageDirectory.Loaded loaded = ImageDirectory.load(root, 2, 3, null);
        ArrayDataset images = loaded.images();
        assertEquals(2, images.size());
        assertEquals(1, loaded.skipped());
        assertTrue(loaded.firstSkipped().contains("broken.jpg"), loaded.firstSkipped());
        float[] x = new float[3 * 2 * 2];
        images.copyFeatures(1, x, 0);
        // the central 2x2 square is green: R = -1, G = 1, B = -1
        assertArrayEquals(new float[] {-1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1}, x, 1e-6f);
    }

    @Test
    void theCacheIsUsedWhileTheFolderIsUnchanged(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("photos");
        stripes(root.resolve("a.png"));
        Path cache = dir.resolve("cache.safetensors");
        ImageDirectory.Loaded first = ImageDirectory.load(root, 4, 1, cache);
        assertFalse(first.fromCache());
        assertNull(first.firstSkipped());
        ImageDirectory.Loaded second = ImageDirectory.load(root, 4, 1, cache);
        assertTrue(second.fromCache());
        float[] a = new float[16];
        float[] b = new float[16];
        first.images().copyFeatures(0, a, 0);
        second.images().copyFeatures(0, b, 0);
        assertArrayEquals(a, b);

        stripes(root.resolve("c.png"));
        ImageDirectory.Loaded third = ImageDirectory.load(root, 4, 1, cache);
        assertFalse(third.fromCache(), "a new file invalidates the cache");
        assertEquals(2, third.images().size());
        assertFalse(ImageDirectory.load(root, 8, 1, cache).fromCache(), "so does another size");
    }

    @Test
    void aFolderWithoutDecodableImagesIsAnErrorNamingTheFirstFailure(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("x.png"), new byte[] {9});
        IOException e = assertThrows(IOException.class, () -> ImageDirectory.load(dir, 8, 3, null));
        assertTrue(e.getMessage().contains("x.png"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageDirectory.load(dir, 8, 2, null));
    }
}
