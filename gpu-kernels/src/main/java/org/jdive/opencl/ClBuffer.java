package org.jdive.opencl;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Buffer;

/** A buffer of the OpenCL backend: a pooled {@code cl_mem} of at least {@code size} floats. */
final class ClBuffer implements Buffer {

    private final OpenClBackend backend;
    private final PooledMemory memory;
    private final int size;
    private boolean released;

    ClBuffer(OpenClBackend backend, PooledMemory memory, int size) {
        this.backend = backend;
        this.memory = memory;
        this.size = size;
    }

    /** The {@code cl_mem} handle, or an error if released. */
    long mem() {
        if (released) {
            throw new IllegalStateException("use of a released OpenCL buffer of " + size + " floats");
        }
        return memory.handle();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public synchronized void release() {
        if (!released) {
            released = true;
            backend.released(memory);
        }
    }

    @Override
    public synchronized boolean isReleased() {
        return released;
    }
}
