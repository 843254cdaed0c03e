package org.jdive.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file jdive wrote (a checkpoint, a safetensors file, a replay buffer, a data file) that cannot be read back as
 * written: cut short, bytes changed, not the format at all. It names the file as the user has it and what is wrong
 * with it, so that the command can say so and fall back to another copy where there is one.
 */
public final class DamagedFileException extends IOException {

    private final transient Path file;
    /** What is wrong, without the file's name. */
    private final String problem;

    /** An error naming {@code file} and {@code problem}, what is wrong with it. */
    public DamagedFileException(Path file, String problem) {
        super(file + " is damaged: " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** An error naming {@code file} and {@code problem}, caused by {@code cause} (e.g. the parser's). */
    public DamagedFileException(Path file, String problem, Throwable cause) {
        this(file, problem);
        initCause(cause);
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** What is wrong with it ("truncated: expected 1,204 bytes, found 100"), without the file's name. */
    public String problem() {
        return problem;
    }
}
