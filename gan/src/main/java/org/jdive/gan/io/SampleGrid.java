package org.jdive.gan.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.jdive.core.Tensor;

/**
 * Images {@code [N, C, H, W]} (C = 1 or 3, values in [-1, 1] as a tanh generator makes them) tiled into one
 * PNG, as torchvision's {@code save_image(make_grid(x, nrow, padding=2, normalize=True, value_range=(-1, 1)))}:
 * {@code nrow} images per row, 2 black pixels between and around them. Written to a temporary file and
 * renamed, so a reader never sees half a grid.
 */
public final class SampleGrid {

    private static final int PADDING = 2;

    private SampleGrid() {
    }

    /** Writes {@code images} to {@code file}, {@code perRow} per row. */
    public static void write(Path file, Tensor images, int perRow) throws IOException {
        if (images.rank() != 4 || (images.shape(1) != 1 && images.shape(1) != 3)) {
            throw new IllegalArgumentException("a sample grid needs images [N, C, H, W] with C = 1 or 3, got "
                    + java.util.Arrays.toString(images.shape()));
        }
        if (perRow <= 0) {
            throw new IllegalArgumentException("images per row must be positive, got " + perRow);
        }
        Png.write(file, render(images.toFloatArray(), images.shape(0), images.shape(1), images.shape(2),
                images.shape(3), perRow));
    }

    /**
     * Writes each of {@code images} to its own PNG, {@code prefix-0000.png}, {@code prefix-0001.png}, ... under
     * {@code folder}, without padding; returns the files in order.
     */
    public static java.util.List<Path> writeEach(Path folder, String prefix, Tensor images) throws IOException {
        if (images.rank() != 4 || (images.shape(1) != 1 && images.shape(1) != 3)) {
            throw new IllegalArgumentException("images must be [N, C, H, W] with C = 1 or 3, got "
                    + java.util.Arrays.toString(images.shape()));
        }
        int n = images.shape(0);
        int c = images.shape(1);
        int h = images.shape(2);
        int w = images.shape(3);
        float[] all = images.toFloatArray();
        int size = c * h * w;
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] one = java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size);
            BufferedImage padded = render(one, 1, c, h, w, 1);
            Path file = folder.resolve(String.format(java.util.Locale.ROOT, "%s-%04d.png", prefix, i));
            Png.write(file, padded.getSubimage(PADDING, PADDING, w, h));
            files.add(file);
        }
        return files;
    }

    static BufferedImage render(float[] v, int n, int c, int h, int w, int perRow) {
        int cols = Math.min(perRow, n);
        int rows = (n + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * (w + PADDING) + PADDING, rows * (h + PADDING) + PADDING,
                BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            int x0 = PADDING + (i % cols) * (w + PADDING);
            int y0 = PADDING + (i / cols) * (h + PADDING);
            int base = i * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = base + y * w + x;
                    int r = level(v[p]);
                    int g = c == 1 ? r : level(v[p + plane]);
                    int b = c == 1 ? r : level(v[p + 2 * plane]);
                    img.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    /** [-1, 1] to [0, 255], clamped, rounded as torchvision does ({@code x·255 + 0.5}). */
    private static int level(float v) {
        float u = Math.min(1f, Math.max(0f, (v + 1f) / 2f));
        return (int) (u * 255f + 0.5f);
    }
}
