package org.jdive.core;

import org.jdive.core.backend.Buffer;

/** A buffer shared by a tensor and its reshaped views; released when the last of them closes. */
final class Storage {

    Buffer buffer;
    private int references = 1;

    Storage(Buffer buffer) {
        this.buffer = buffer;
    }

    /** Whether no other tensor (a view) shares this storage. */
    boolean unshared() {
        return references == 1;
    }

    /** Exchanges the buffers of two storages, so that each holder sees the other's values without a copy. */
    void swapBuffer(Storage other) {
        Buffer mine = buffer;
        buffer = other.buffer;
        other.buffer = mine;
    }

    void retain() {
        references++;
    }

    void releaseOne() {
        if (--references == 0) {
            buffer.release();
        }
    }
}
