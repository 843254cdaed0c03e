package org.jdive.engine;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** How a failed write is told: the file and the operating system's reason ("No space left on device"). */
final class Io {

    private Io() {
    }

    /** An IOException that names {@code file} and says why writing it failed. */
    static IOException cannotWrite(Path file, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new IOException("cannot write " + file + ": " + reason, e);
    }
}
