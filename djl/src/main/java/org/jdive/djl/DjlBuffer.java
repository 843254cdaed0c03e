package org.jdive.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Buffer;

/**
 * A buffer of the DJL backend: a one-dimensional float32 {@link NDArray} held by the backend's long-lived
 * manager. Ops that produce a whole new value swap in the fresh array ({@link #replace}) rather than copy
 * into the old one; the old array is closed.
 */
final class DjlBuffer implements Buffer {

    private final DjlBackend backend;
    private final int size;
    private NDArray array;

    DjlBuffer(DjlBackend backend, NDArray array) {
        this.backend = backend;
        this.size = Math.toIntExact(array.size());
        this.array = array;
    }

    /** The array, or an error if released. */
    NDArray array() {
        NDArray a = array;
        if (a == null) {
            throw new IllegalStateException("use of a released buffer of " + size + " floats");
        }
        return a;
    }

    /**
     * Makes {@code fresh}, a one-dimensional array of {@link #size()} floats that shares memory with no other
     * buffer, this buffer's value, taking it out of the op's {@link NDScope}.
     */
    void replace(NDArray fresh) {
        NDArray old = array();
        NDScope.unregister(fresh);
        array = fresh;
        old.close();
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
        if (array != null) {
            array.close();
            array = null;
            backend.released();
        }
    }

    @Override
    public boolean isReleased() {
        return array == null;
    }
}
