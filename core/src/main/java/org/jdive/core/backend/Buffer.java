package org.jdive.core.backend;

/**
 * Memory owned by a {@link Backend}: a flat array of {@code size()} floats on the host or on a device.
 * Released deterministically with {@link #release()}, never by the garbage collector.
 */
public interface Buffer {

    /** The number of floats. */
    int size();

    /** The backend that owns this buffer and runs every op on it. */
    Backend backend();

    /** Frees the memory; later use is an error. Releasing twice is harmless. */
    void release();

    /** Whether {@link #release()} was called. */
    boolean isReleased();
}
