package org.jdive.cli.play;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jdive.envs.Frame;
import org.jdive.rendering.record.Images;
import org.w3c.dom.Node;

/** Decodes a GIF with the JDK's own reader, drawing each image over the picture so far, as a viewer does. */
public final class GifFrames {

    private GifFrames() {
    }

    public static List<Frame> read(Path gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            List<Frame> frames = new ArrayList<>();
            BufferedImage screen = null;
            for (int i = 0; i < n; i++) {
                BufferedImage part = reader.read(i);
                Node descriptor = find(reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"),
                        "ImageDescriptor");
                int left = Integer.parseInt(descriptor.getAttributes().getNamedItem("imageLeftPosition").getNodeValue());
                int top = Integer.parseInt(descriptor.getAttributes().getNamedItem("imageTopPosition").getNodeValue());
                if (screen == null) {
                    screen = new BufferedImage(part.getWidth(), part.getHeight(), BufferedImage.TYPE_INT_RGB);
                }
                screen.getGraphics().drawImage(part, left, top, null);
                frames.add(Images.toFrame(screen));
            }
            return frames;
        } finally {
            reader.dispose();
        }
    }

    private static Node find(Node node, String name) {
        if (name.equals(node.getNodeName())) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
