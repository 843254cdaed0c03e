package org.jdive.gan.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jdive.core.Tensor;
import org.jdive.core.io.TempFiles;

/**
 * Sample grids as the frames of an animated GIF that loops forever, through the JDK's ImageIO GIF writer (the
 * rendering module's faster encoder is out of this module's reach, and a few small grids do not need it): each frame
 * is a {@link SampleGrid} of the same images at one moment, e.g. of a diffusion model's reverse process.
 */
public final class AnimatedGif {

    private AnimatedGif() {
    }

    /** The grid of {@code images} {@code [N, C, H, W]} in [-1, 1], {@code perRow} per row, as one frame. */
    public static BufferedImage frame(Tensor images, int perRow) {
        int[] s = images.shape();
        if (s.length != 4 || (s[1] != 1 && s[1] != 3) || perRow <= 0) {
            throw new IllegalArgumentException("a GIF frame needs images [N, C, H, W] with C = 1 or 3 and a positive "
                    + "count per row, got " + java.util.Arrays.toString(s) + " and " + perRow);
        }
        return SampleGrid.render(images.toFloatArray(), s[0], s[1], s[2], s[3], perRow);
    }

    /**
     * Writes {@code frames} (all of the first one's size) to {@code file}, each shown {@code delayCentis} hundredths of
     * a second and the last {@code lastDelayCentis}; readers see the old file or the whole new one.
     */
    public static void write(Path file, List<BufferedImage> frames, int delayCentis, int lastDelayCentis)
            throws IOException {
        if (frames.isEmpty() || delayCentis < 0 || lastDelayCentis < 0) {
            throw new IllegalArgumentException("a GIF needs at least one frame and delays >= 0, got " + frames.size()
                    + " frames, delays " + delayCentis + " and " + lastDelayCentis);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = TempFiles.besides(file);
        try {
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage image = frames.get(i);
                    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
                    annotate(metadata, i == frames.size() - 1 ? lastDelayCentis : delayCentis, i == 0);
                    writer.writeToSequence(new IIOImage(image, null, metadata), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The frame's delay and, on the first frame, the NETSCAPE2.0 extension that makes the GIF loop forever. */
    private static void annotate(IIOMetadata metadata, int delayCentis, boolean first) throws IOException {
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentis));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0, forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        metadata.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
