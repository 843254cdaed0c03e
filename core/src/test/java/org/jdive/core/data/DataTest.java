package org.jdive.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching, seeded shuffling and drop-last; the IDX and image-folder readers and their errors. */
class DataTest {

    @TempDir
    Path tmp;

    /** Ten examples whose single feature is their index and whose target is twice it. */
    private static ArrayDataset tenExamples() {
        float[] x = new float[10];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            y[i] = 2 * i;
        }
        return new ArrayDataset(x, new int[] {1}, y, new int[0]);
    }

    private static List<float[]> epoch(DataLoader loader) {
        List<float[]> out = new ArrayList<>();
        for (Batch b : loader) {
            out.add(b.features().toFloatArray());
            float[] targets = b.targets().toFloatArray();
            float[] features = b.features().toFloatArray();
            for (int i = 0; i < targets.length; i++) {
                assertEquals(2 * features[i], targets[i], "target travels with its features");
            }
            assertArrayEquals(new int[] {b.size()}, b.targets().shape());
        }
        return out;
    }

    @Test
    void batchesInOrderWithASmallerLastOneOrDroppedLast() {
        List<float[]> batches = epoch(new DataLoader(tenExamples(), 4));
        assertEquals(3, batches.size());
        assertArrayEquals(new float[] {8f, 9f}, batches.get(2));
        DataLoader dropping = new DataLoader(tenExamples(), 4, false, true, null, Backends.cpu());
        assertEquals(2, dropping.batches());
        assertEquals(2, epoch(dropping).size());
    }

    @Test
    void shufflingIsSeededAndEachEpochIsAPermutation() {
        DataLoader a = new DataLoader(tenExamples(), 3, true, false, Rng.seeded(5), Backends.cpu());
        DataLoader b = new DataLoader(tenExamples(), 3, true, false, Rng.seeded(5), Backends.cpu());
        float[] first = flatten(epoch(a));
        float[] second = flatten(epoch(a));
        assertArrayEquals(first, flatten(epoch(b)), "same seed, same first epoch");
        assertNotEquals(Arrays.toString(first), Arrays.toString(second), "a new permutation per epoch");
        float[] sorted = first.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    }

    @Test
    void batchesAreFreedWhenTheNextIsRequested() {
        long before = Backends.cpu().liveBuffers();
        for (Batch batch : new DataLoader(tenExamples(), 4)) {
            assertEquals(before + 2, Backends.cpu().liveBuffers());
        }
        assertEquals(before, Backends.cpu().liveBuffers());
    }

    @Test
    void subsetsAndRangesViewTheBase() {
        Dataset part = tenExamples().range(2, 5).subset(new int[] {2, 0});
        float[] x = new float[2];
        part.copyFeatures(0, x, 0);
        part.copyFeatures(1, x, 1);
        assertArrayEquals(new float[] {4f, 2f}, x);
        assertThrows(IllegalArgumentException.class, () -> tenExamples().range(5, 11));
    }

    private static float[] flatten(List<float[]> parts) {
        return parts.stream().reduce(new float[0], (a, b) -> {
            float[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }

    // ---- IDX ----------------------------------------------------------------------------------

    private static byte[] idx(int type, int[] shape, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    @Test
    void idxReadsEveryElementTypeBigEndian() throws IOException {
        assertArrayEquals(new float[] {255f, 1f}, Idx.parse(idx(0x08, new int[] {2}, new byte[] {(byte) 255, 1}), "u").values());
        assertArrayEquals(new float[] {-1f, 1f}, Idx.parse(idx(0x09, new int[] {2}, new byte[] {(byte) 255, 1}), "s").values());
        assertArrayEquals(new float[] {258f}, Idx.parse(idx(0x0B, new int[] {1}, new byte[] {1, 2}), "short").values());
        assertArrayEquals(new float[] {-2f}, Idx.parse(idx(0x0C, new int[] {1}, ByteBuffer.allocate(4).putInt(-2).array()), "int").values());
        assertArrayEquals(new float[] {1.5f}, Idx.parse(idx(0x0D, new int[] {1}, ByteBuffer.allocate(4).putFloat(1.5f).array()), "f").values());
        Idx.Array a = Idx.parse(idx(0x0E, new int[] {1, 1}, ByteBuffer.allocate(8).putDouble(-0.25).array()), "d");
        assertArrayEquals(new int[] {1, 1}, a.shape());
        assertArrayEquals(new float[] {-0.25f}, a.values());
    }

    @Test
    void idxErrorsNameWhatIsWrong() {
        var e = assertThrows(IOException.class, () -> Idx.parse(idx(0x08, new int[] {2, 3}, new byte[5]), "short.idx"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("[2, 3]"), e.getMessage());
        e = assertThrows(IOException.class, () -> Idx.parse(idx(0x07, new int[] {1}, new byte[1]), "t.idx"));
        assertTrue(e.getMessage().contains("0x7"), e.getMessage());
        e = assertThrows(IOException.class, () -> Idx.parse(new byte[] {1, 2, 3, 4}, "x"));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void gzippedIdxFilesAreRecognised() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(idx(0x08, new int[] {3}, new byte[] {7, 8, 9}));
        }
        Path f = tmp.resolve("labels.gz");
        Files.write(f, out.toByteArray());
        assertArrayEquals(new float[] {7f, 8f, 9f}, Idx.read(f).values());
    }

    // ---- image folders ------------------------------------------------------------------------

    @Test
    void imageFolderReadsClassesInSortedOrderResizesAndScales() throws IOException {
        writeImage(tmp.resolve("imgs/dog/a.png"), 0xFFFFFF, 8);
        writeImage(tmp.resolve("imgs/cat/b.png"), 0x000000, 8);
        writeImage(tmp.resolve("imgs/cat/c.jpg"), 0xFF0000, 16);
        Files.writeString(tmp.resolve("imgs/cat/notes.txt"), "ignored");
        ImageFolder grey = ImageFolder.load(tmp.resolve("imgs"), 4, 4, 1, ImageFolder.PixelRange.MINUS_ONE_ONE);
        assertEquals(List.of("cat", "dog"), grey.classes());
        assertEquals(3, grey.size());
        assertArrayEquals(new int[] {1, 4, 4}, grey.featureShape());
        float[] x = new float[16];
        grey.copyFeatures(0, x, 0);
        assertEquals(-1f, x[5], 1e-6f);                 // black
        grey.copyFeatures(2, x, 0);
        assertEquals(1f, x[5], 1e-6f);                  // white, class "dog"
        float[] label = new float[1];
        grey.copyTarget(2, label, 0);
        assertEquals(1f, label[0]);
        ImageFolder rgb = ImageFolder.load(tmp.resolve("imgs"), 2, 2, 3, ImageFolder.PixelRange.ZERO_ONE);
        float[] red = new float[12];
        rgb.copyFeatures(1, red, 0);
        assertEquals(1f, red[0], 0.05f);                // JPEG: near, not exact
        assertEquals(0f, red[4], 0.05f);
    }

    @Test
    void anUndecodableImageIsNamed() throws IOException {
        Path bad = tmp.resolve("imgs/x/broken.png");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "not a png");
        var e = assertThrows(IOException.class, () -> ImageFolder.load(tmp.resolve("imgs"), 4, 4, 1, ImageFolder.PixelRange.ZERO_ONE));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
    }

    private static void writeImage(Path file, int rgb, int size) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        String format = file.toString().endsWith(".jpg") ? "jpg" : "png";
        ImageIO.write(img, format, file.toFile());
    }
}
