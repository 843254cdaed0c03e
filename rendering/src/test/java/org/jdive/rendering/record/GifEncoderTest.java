package org.jdive.rendering.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class GifEncoderTest {

    /**
     * Decodes every frame of a GIF with the JDK's own reader (independent of our encoder), drawing each image
     * at its position over the picture so far, as a viewer does with "leave in place" disposal.
     */
    static List<Frame> decode(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
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

    private static byte[] encode(List<Frame> frames, int delay) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GifEncoder.write(out, frames, delay);
        return out.toByteArray();
    }

    private static void assertSameFrames(List<Frame> expected, List<Frame> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).width(), actual.get(i).width());
            assertEquals(expected.get(i).height(), actual.get(i).height());
            assertArrayEquals(expected.get(i).rgb(), actual.get(i).rgb(), "frame " + i);
        }
    }

    @Test
    void recordedEpisodeDecodesBackToTheRecordedFrames(@TempDir Path dir) throws IOException {
        Env env = Envs.make("MinAtar/Breakout-v1");
        Scene scene = new Scene(new PlaySession("MinAtar/Breakout-v1", env, Policy.random(env, 3), 10, 3));
        Path gif = dir.resolve("breakout.gif");
        List<Frame> recorded = Recorder.recordGif(scene, 40, 1, 5, gif);
        assertEquals(41, recorded.size());
        assertSameFrames(recorded, decode(Files.readAllBytes(gif)));
    }

    @Test
    void noisyFramesWithAllPaletteSizesRoundTripThroughTableResets() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<Frame> frames = new ArrayList<>();
        for (int colors : new int[] {1, 2, 3, 5, 16, 17, 128, 256}) {
            int[] palette = random.ints(colors, 0, 1 << 24).toArray();
            byte[] rgb = new byte[160 * 120 * 3];
            for (int p = 0; p < 160 * 120; p++) {
                int c = palette[random.nextInt(colors)];
                rgb[3 * p] = (byte) (c >>> 16);
                rgb[3 * p + 1] = (byte) (c >>> 8);
                rgb[3 * p + 2] = (byte) c;
            }
            frames.add(new Frame(160, 120, rgb));
        }
        assertSameFrames(frames, decode(encode(frames, 4)));
    }

    @Test
    void framesWithMoreThan256ColoursAreQuantisedToTheColourCube() throws IOException {
        byte[] rgb = new byte[64 * 64 * 3];
        for (int p = 0; p < 64 * 64; p++) {
            rgb[3 * p] = (byte) (p % 64 * 4);
            rgb[3 * p + 1] = (byte) (p / 64 * 4);
            rgb[3 * p + 2] = (byte) 200;
        }
        Frame frame = new Frame(64, 64, rgb);
        IndexedImage indexed = IndexedImage.of(frame);
        Frame decoded = decode(encode(List.of(frame), 0)).get(0);
        for (int p = 0; p < 64 * 64; p++) {
            int c = indexed.palette()[indexed.indices()[p] & 0xFF];
            assertEquals(c >>> 16 & 0xFF, decoded.rgb()[3 * p] & 0xFF);
            assertEquals(c & 0xFF, decoded.rgb()[3 * p + 2] & 0xFF);
            // every channel within half a cube step (255/5/2 or 255/6/2) of the original
            assertTrue(Math.abs((c >>> 16 & 0xFF) - (rgb[3 * p] & 0xFF)) <= 26);
            assertTrue(Math.abs((c >>> 8 & 0xFF) - (rgb[3 * p + 1] & 0xFF)) <= 22);
        }
    }

    @Test
    void delayAndLoopingAreInTheMetadata() throws IOException {
        Frame black = new Frame(2, 2, new byte[12]);
        byte[] gif = encode(List.of(black, black), 7);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            Node tree = reader.getImageMetadata(1).getAsTree("javax_imageio_gif_image_1.0");
            Node control = find(tree, "GraphicControlExtension");
            assertEquals("7", control.getAttributes().getNamedItem("delayTime").getNodeValue());
            Node app = find(reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0"), "ApplicationExtension");
            assertEquals("NETSCAPE", app.getAttributes().getNamedItem("applicationID").getNodeValue());
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

    @Test
    void laterFramesStoreOnlyTheChangedRectangle() {
        byte[] a = new byte[8 * 6 * 3];
        byte[] b = a.clone();
        b[(2 * 8 + 3) * 3] = 9;
        b[(4 * 8 + 5) * 3 + 2] = 9;
        assertArrayEquals(new int[] {3, 2, 3, 3}, GifEncoder.changed(new Frame(8, 6, a), new Frame(8, 6, b)));
        assertArrayEquals(new int[] {0, 0, 1, 1}, GifEncoder.changed(new Frame(8, 6, a), new Frame(8, 6, a.clone())));
    }

    @Test
    void badInputIsRejectedWithWhatIsAllowed() {
        Frame small = new Frame(2, 2, new byte[12]);
        Frame big = new Frame(3, 2, new byte[18]);
        var e = assertThrows(IllegalArgumentException.class, () -> encode(List.of(small, big), 4));
        assertTrue(e.getMessage().contains("frame 1 is 3x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> encode(List.of(), 4));
        assertThrows(IllegalArgumentException.class, () -> encode(List.of(small), -1));
    }

    @Test
    void pngFramesRoundTrip(@TempDir Path dir) throws IOException {
        Env env = Envs.make("CartPole-v1");
        env.reset(1);
        Frame frame = env.render();
        Images.writePngFrames(List.of(frame, frame), dir, "cart");
        assertArrayEquals(frame.rgb(), Images.readImage(dir.resolve("cart-00001.png")).rgb());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void scalingRepeatsEachPixelAsABlock() {
        Frame f = new Frame(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        Frame big = Images.scale(f, 3);
        assertEquals(6, big.width());
        assertEquals(3, big.height());
        assertEquals(4, big.rgb()[(2 * 6 + 3) * 3]);
        assertEquals(1, big.rgb()[(2 * 6 + 2) * 3]);
    }
}
