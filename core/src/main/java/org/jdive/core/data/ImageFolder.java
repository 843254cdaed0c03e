package org.jdive.core.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Images in one folder per class, as torchvision's {@code ImageFolder}: {@code root/<class>/<image>}, classes
 * numbered in sorted order of their folder names, images read with ImageIO (PNG, JPEG, GIF, BMP), resized
 * bilinearly to {@code height × width}, and stored as features {@code [channels, height, width]} (1: grey, 3:
 * RGB) with values in the chosen {@link PixelRange}. The whole set is decoded once, into memory.
 */
public final class ImageFolder implements Dataset {

    /** How pixel values map to floats. */
    public enum PixelRange {
        /** grey level / 255, as torchvision's {@code ToTensor}. */
        ZERO_ONE,
        /** 2·(grey level / 255) - 1: the range of a {@code tanh} generator (DCGAN). */
        MINUS_ONE_ONE
    }

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private final List<String> classes;
    private final ArrayDataset data;

    private ImageFolder(List<String> classes, ArrayDataset data) {
        this.classes = classes;
        this.data = data;
    }

    /**
     * Reads every image under {@code root}.
     *
     * @throws IOException naming the file that cannot be decoded, or the folder that has no classes or images
     */
    public static ImageFolder load(Path root, int height, int width, int channels, PixelRange range) throws IOException {
        if (height <= 0 || width <= 0 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("image folder: size must be positive and channels 1 or 3, got "
                    + height + "x" + width + "x" + channels);
        }
        List<String> classes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(classes::add);
        }
        if (classes.isEmpty()) {
            throw new IOException(root + ": no class folders (expected root/<class>/<image>)");
        }
        List<float[]> images = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> files;
            try (Stream<Path> list = Files.list(root.resolve(classes.get(c)))) {
                files = list.filter(ImageFolder::isImage).sorted().toList();
            }
            for (Path f : files) {
                images.add(decode(f, height, width, channels, range));
                labels.add((float) c);
            }
        }
        if (images.isEmpty()) {
            throw new IOException(root + ": no images with extensions " + EXTENSIONS + " in " + classes);
        }
        int size = channels * height * width;
        float[] features = new float[images.size() * size];
        float[] targets = new float[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, features, i * size, size);
            targets[i] = labels.get(i);
        }
        return new ImageFolder(List.copyOf(classes),
                new ArrayDataset(features, new int[] {channels, height, width}, targets, new int[0]));
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** One image as {@code [channels, height, width]} floats. */
    static float[] decode(Path file, int height, int width, int channels, PixelRange range) throws IOException {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        }
        if (src == null) {
            throw new IOException(file + ": not an image ImageIO can decode (PNG, JPEG, GIF, BMP)");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        float[] out = new float[channels * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int i = y * width + x;
                if (channels == 1) {
                    // ITU-R 601 luma, as PIL's convert("L")
                    out[i] = scale((r * 299 + gr * 587 + b * 114) / 1000f, range);
                } else {
                    out[i] = scale(r, range);
                    out[plane + i] = scale(gr, range);
                    out[2 * plane + i] = scale(b, range);
                }
            }
        }
        return out;
    }

    private static float scale(float level, PixelRange range) {
        float v = level / 255f;
        return range == PixelRange.ZERO_ONE ? v : 2f * v - 1f;
    }

    /** The class names, index = label. */
    public List<String> classes() {
        return classes;
    }

    @Override public int size() { return data.size(); }
    @Override public int[] featureShape() { return data.featureShape(); }
    @Override public int[] targetShape() { return data.targetShape(); }
    @Override public void copyFeatures(int index, float[] dst, int offset) { data.copyFeatures(index, dst, offset); }
    @Override public void copyTarget(int index, float[] dst, int offset) { data.copyTarget(index, dst, offset); }
}
