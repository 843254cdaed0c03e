package org.jdive.engine.chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jdive.core.io.TempFiles;

/** PNG files written atomically, encoded in memory (ImageIO's file cache would fail in a shutdown hook). */
final class Png {

    private Png() {
    }

    static void write(BufferedImage image, Path target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = TempFiles.besides(target);
        try {
            Files.write(temp, bytes.toByteArray());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
