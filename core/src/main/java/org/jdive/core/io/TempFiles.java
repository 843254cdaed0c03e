package org.jdive.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The temporary file an atomic write fills before renaming it over its target. Not {@link Files#createTempFile}: its
 * owner-only permissions (0600) would stay on the renamed file, so checkpoints, plots and reports would be unreadable
 * to anyone but their writer; this one is created as any new file is, under the process's umask.
 */
public final class TempFiles {

    private TempFiles() {
    }

    /** A new, empty, hidden file beside {@code target} (its folder must exist), named after it. */
    public static Path besides(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        return Files.createFile(absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp"));
    }
}
