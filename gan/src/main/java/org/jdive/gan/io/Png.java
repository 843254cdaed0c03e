package org.jdive.gan.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.jdive.core.io.TempFiles;

/** Writes PNG files atomically: to a temporary file in the target's folder, then renamed over the target. */
public final class Png {

    private Png() {
    }

    /**
     * Writes {@code image} to {@code file} as a PNG, creating its folder; readers see the old file or the whole new
     * one.
     */
    public static void write(Path file, BufferedImage image) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = TempFiles.besides(file);
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
