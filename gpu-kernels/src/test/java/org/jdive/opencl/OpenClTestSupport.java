package org.jdive.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;

/** The OpenCL backend under test, or a skipped test where the machine has no OpenCL platform. */
final class OpenClTestSupport {

    private OpenClTestSupport() {
    }

    static OpenClBackend backend() {
        String problem = ClDevices.problem();
        assumeTrue(problem == null, () -> "no OpenCL here, skipping: " + problem);
        Backend backend = Backends.get("opencl");
        return (OpenClBackend) backend;
    }

    /**
     * Asserts that {@code actual} matches {@code expected} within float32 tolerance: each element within
     * {@code rtol·|expected|} plus {@code atol} times the largest magnitude (sums of many terms round with
     * the size of the terms, not of the result).
     */
    static void assertClose(String what, float[] expected, float[] actual, float rtol, float atol) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        float scale = 1f;
        for (float e : expected) {
            if (Float.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) ? !Float.isNaN(a) : (Float.isInfinite(e) ? e != a : Math.abs(a - e) > rtol * Math.abs(e) + atol * scale)) {
                fail(what + ": element " + i + " is " + a + ", expected " + e + " (of " + expected.length + ")");
            }
        }
    }

    static void assertClose(String what, float[] expected, float[] actual) {
        assertClose(what, expected, actual, 2e-5f, 2e-6f);
    }
}
