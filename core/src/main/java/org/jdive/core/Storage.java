package org.jdive.core;

import org.jdive.core.backend.Buffer;

/** A buffer shared by a tensor and its reshaped views; released when the last of them closes. */
final class Storage {

    final Buffer buffer;
    private int references = 1;

    Storage(Buffer buffer) {
        this.buffer = buffer;
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
