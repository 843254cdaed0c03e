package org.jdive.gan.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jdive.core.Tensor;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.io.SafeTensors;

/**
 * Every PNG, JPEG, GIF or BMP image under a folder (searched recursively, in sorted path order) as a GAN
 * dataset: each image is scaled so that its shorter side is {@code size} and cropped to the central
 * {@code size × size} square (torchvision's {@code Resize(size)} then {@code CenterCrop(size)}, as in PyTorch's
 * DCGAN example), made grey or RGB, and scaled to [-1, 1]. Files that cannot be decoded are skipped and
 * counted, and the first of them is named.
 *
 * <p>Decoding a large folder is slow, so the result can be cached as one safetensors file holding
 * {@code images [N, C, S, S]}; the cache is used only while the folder's listing (paths, sizes and
 * modification times) and the requested shape are those it was made from, and is rewritten otherwise.
 */
public final class ImageDirectory {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    /** The images read, how many files were skipped, and the first skipped file with the reason (null if none). */
    public record Loaded(ArrayDataset images, int skipped, String firstSkipped, boolean fromCache) {
    }

    private ImageDirectory() {
    }

    /**
     * Reads the images under {@code root} as {@code [channels, size, size]}, using and refreshing {@code cache}
     * when it is not null.
     *
     * @throws IOException when the folder holds no decodable image (naming the first file that failed)
     */
    public static Loaded load(Path root, int size, int channels, Path cache) throws IOException {
        if (size <= 0 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException("image folder: size must be positive and channels 1 or 3, got "
                    + size + " and " + channels);
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder of images");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(ImageDirectory::isImage).sorted().toList();
        }
        String fingerprint = fingerprint(root, files, size, channels);
        if (cache != null && Files.isRegularFile(cache)) {
            SafeTensors.Contents c = SafeTensors.read(cache);
            Map<String, String> meta = c.metadata();
            if (fingerprint.equals(meta.get("fingerprint")) && c.tensors().containsKey("images")) {
                SafeTensors.HostTensor t = c.tensors().get("images");
                String first = meta.getOrDefault("first_skipped", "");
                return new Loaded(dataset(t.data(), channels, size), Integer.parseInt(meta.getOrDefault("skipped", "0")),
                        first.isEmpty() ? null : first, true);
            }
        }
        int plane = channels * size * size;
        List<float[]> images = new ArrayList<>();
        int skipped = 0;
        String firstSkipped = null;
        for (Path f : files) {
            try {
                images.add(decode(f, size, channels));
            } catch (IOException | RuntimeException e) {
                skipped++;
                if (firstSkipped == null) {
                    firstSkipped = f + " (" + e.getMessage() + ")";
                }
            }
        }
        if (images.isEmpty()) {
            throw new IOException(root + ": no decodable images with extensions " + EXTENSIONS + " (" + files.size()
                    + " candidates" + (firstSkipped == null ? "" : "; first failure: " + firstSkipped) + ")");
        }
        float[] all = new float[images.size() * plane];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * plane, plane);
        }
        if (cache != null) {
            try (Tensor t = Tensor.of(all, images.size(), channels, size, size)) {
                SafeTensors.write(cache, Map.of("images", t), Map.of("fingerprint", fingerprint, "source", root.toString(),
                        "skipped", Integer.toString(skipped), "first_skipped", firstSkipped == null ? "" : firstSkipped));
            }
        }
        return new Loaded(dataset(all, channels, size), skipped, firstSkipped, false);
    }

    private static ArrayDataset dataset(float[] all, int channels, int size) {
        int n = all.length / (channels * size * size);
        return new ArrayDataset(all, new int[] {channels, size, size}, new float[n], new int[0]);
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** One image, resized on its shorter side, centre-cropped, as {@code [channels, size, size]} in [-1, 1]. */
    static float[] decode(Path file, int size, int channels) throws IOException {
        BufferedImage src = ImageIO.read(file.toFile());
        if (src == null) {
            throw new IOException("not an image ImageIO can decode");
        }
        int w = src.getWidth();
        int h = src.getHeight();
        int side = Math.min(w, h);
        int x0 = (w - side) / 2;
        int y0 = (h - side) / 2;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, size, size, x0, y0, x0 + side, y0 + side, null);
        g.dispose();
        return Pixels.fromRgb(img, channels);
    }

    private static String fingerprint(Path root, List<Path> files, int size, int channels) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((size + "x" + channels + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path f : files) {
                String line = root.relativize(f) + "\t" + Files.size(f) + "\t" + Files.getLastModifiedTime(f).toMillis() + "\n";
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
