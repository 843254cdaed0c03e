package org.jdive.core.cpu;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Buffer;

/** A buffer of the CPU backend: a Java {@code float[]}. */
final class CpuBuffer implements Buffer {

    private final CpuBackend backend;
    private float[] data;
    private final int size;

    CpuBuffer(CpuBackend backend, float[] data) {
        this.backend = backend;
        this.data = data;
        this.size = data.length;
    }

    /** The array, or an error if released. */
    float[] data() {
        float[] d = data;
        if (d == null) {
            throw new IllegalStateException("use of a released buffer of " + size + " floats");
        }
        return d;
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
    public void release() {
        float[] d = data;
        if (d != null) {
            data = null;
            backend.released(d);
        }
    }

    @Override
    public boolean isReleased() {
        return data == null;
    }
}
