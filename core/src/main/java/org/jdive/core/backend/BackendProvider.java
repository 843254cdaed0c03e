package org.jdive.core.backend;

/**
 * Makes a backend known to {@link Backends}, through {@link java.util.ServiceLoader}: modules such as
 * {@code gpu-kernels} and {@code djl} list their provider in
 * {@code META-INF/services/org.jdive.core.backend.BackendProvider}.
 */
public interface BackendProvider {

    /** The name scenarios use: {@code opencl}, {@code djl}. */
    String name();

    /** Whether the backend can run on this machine (its native libraries load, a device exists). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, for error messages (what is missing and how to get it). */
    default String unavailableReason() {
        return "";
    }

    /** Whether, when available, {@code auto} should prefer this backend to the CPU (true for a GPU). */
    boolean preferredOverCpu();

    /**
     * Creates the backend. {@code options} is what followed the name and a colon, e.g. {@code "1"} in
     * {@code opencl:1}, or the empty string.
     */
    Backend create(String options);
}
