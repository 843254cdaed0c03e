package org.jdive.rendering.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jdive.envs.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG files from frames. */
class ImagesTest {

    @TempDir
    Path dir;

    @Test
    void aPngWrittenWhileTheJvmShutsDownIsWritten() throws IOException, InterruptedException {
        // Ctrl-C's checkpoint and plots are written from a shutdown hook, where nothing may be marked delete-on-exit.
        Path png = dir.resolve("at-exit.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AtExit.class.getName(),
                png.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", out);
        Frame frame = Images.readImage(png);
        assertEquals(3, frame.width());
        assertEquals(2, frame.height());
    }

    /** Writes a 3×2 PNG to {@code args[0]} from a shutdown hook, printing what goes wrong. */
    public static final class AtExit {
        public static void main(String[] args) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Images.writePng(new Frame(3, 2, new byte[18]), Path.of(args[0]));
                } catch (IOException | RuntimeException e) {
                    System.out.println(e);
                }
            }));
        }
    }
}
