package org.jdive.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;

/** Backends a test runs on where the machine has them: a backend that cannot run here skips the test, saying why. */
final class Available {

    private Available() {
    }

    /** The backend named {@code name}, or an aborted (skipped) test when it is installed but cannot run here. */
    static Backend backend(String name) {
        try {
            return Backends.get(name);
        } catch (IllegalStateException e) {
            assumeTrue(false, e.getMessage());
            throw e;
        }
    }
}
