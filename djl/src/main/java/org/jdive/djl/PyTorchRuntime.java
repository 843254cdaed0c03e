package org.jdive.djl;

import ai.djl.engine.Engine;

/**
 * Loads DJL's PyTorch engine once, offline: {@code ai.djl.offline=true} is set before the engine starts, so
 * libtorch and DJL's JNI glue come from the {@code pytorch-native-cpu} and {@code pytorch-jni} jars on the
 * class path (extracted to DJL's cache folder) and nothing is downloaded.
 */
final class PyTorchRuntime {

    static final String ENGINE_NAME = "PyTorch";

    private static Engine engine;
    private static Throwable failure;

    private PyTorchRuntime() {
    }

    /** The engine, loading it on first use; throws {@link IllegalStateException} saying why if it cannot load. */
    static synchronized Engine engine() {
        if (engine == null && failure == null) {
            System.setProperty("ai.djl.offline", "true");
            try {
                engine = Engine.getEngine(ENGINE_NAME);
            } catch (Throwable t) { // native loading fails with Errors (UnsatisfiedLinkError) as well as exceptions
                failure = t;
            }
        }
        if (engine == null) {
            throw new IllegalStateException("DJL's PyTorch engine did not load: " + failure, failure);
        }
        return engine;
    }

    /** Whether the engine loads on this machine. */
    static boolean isAvailable() {
        try {
            engine();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
