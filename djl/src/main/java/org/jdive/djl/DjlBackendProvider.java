package org.jdive.djl;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.BackendProvider;

/** Makes the DJL/PyTorch backend known to {@code Backends} as {@code djl}. It takes no options. */
public final class DjlBackendProvider implements BackendProvider {

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public DjlBackendProvider() {
    }

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public boolean isAvailable() {
        return PyTorchRuntime.isAvailable();
    }

    /** A reference and a peer, never picked by {@code auto} over the CPU backend. */
    @Override
    public boolean preferredOverCpu() {
        return false;
    }

    @Override
    public Backend create(String options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("backend 'djl' takes no options, got 'djl:" + options + "'");
        }
        return new DjlBackend();
    }
}
