package org.jdive.rendering.record;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jdive.envs.Frame;

/** Conversions between frames and {@link BufferedImage}, nearest-neighbour scaling, and PNG files through ImageIO. */
public final class Images {

    private Images() {
    }

    /** The frame as an RGB {@link BufferedImage}. */
    public static BufferedImage toImage(Frame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = frame.rgb();
        int[] pixels = new int[frame.width() * frame.height()];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (rgb[3 * p] & 0xFF) << 16 | (rgb[3 * p + 1] & 0xFF) << 8 | rgb[3 * p + 2] & 0xFF;
        }
        image.setRGB(0, 0, frame.width(), frame.height(), pixels, 0, frame.width());
        return image;
    }

    /** The image's colours as a frame (alpha dropped). */
    public static Frame toFrame(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int p = 0; p < pixels.length; p++) {
            rgb[3 * p] = (byte) (pixels[p] >>> 16);
            rgb[3 * p + 1] = (byte) (pixels[p] >>> 8);
            rgb[3 * p + 2] = (byte) pixels[p];
        }
        return new Frame(w, h, rgb);
    }

    /** The frame enlarged {@code factor} times in each direction, every pixel becoming a square block. */
    public static Frame scale(Frame frame, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("scale factor must be at least 1, got " + factor);
        }
        int w = frame.width() * factor;
        int h = frame.height() * factor;
        byte[] src = frame.rgb();
        byte[] dst = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(src, ((y / factor) * frame.width() + x / factor) * 3, dst, (y * w + x) * 3, 3);
            }
        }
        return new Frame(w, h, dst);
    }

    /**
     * Writes the frame as a PNG file, atomically. The stream is cached in memory: ImageIO's default cache is a
     * temporary file marked delete-on-exit, which cannot be made while the JVM shuts down (Ctrl-C's checkpoint and
     * plots are written then).
     */
    public static void writePng(Frame frame, Path target) throws IOException {
        BufferedImage image = toImage(frame);
        AtomicFiles.write(target, out -> {
            try (ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", png)) {
                    throw new IOException("this Java runtime has no PNG writer in ImageIO");
                }
            }
        });
    }

    /** Writes each frame as {@code prefix-00000.png}, {@code prefix-00001.png}, … in {@code folder}. */
    public static void writePngFrames(List<Frame> frames, Path folder, String prefix) throws IOException {
        for (int i = 0; i < frames.size(); i++) {
            writePng(frames.get(i), folder.resolve(String.format("%s-%05d.png", prefix, i)));
        }
    }

    /** Reads a PNG (or any format ImageIO reads) as a frame. */
    public static Frame readImage(Path source) throws IOException {
        BufferedImage image = ImageIO.read(source.toFile());
        if (image == null) {
            throw new IOException(source + " is not an image ImageIO can read");
        }
        return toFrame(image);
    }
}
