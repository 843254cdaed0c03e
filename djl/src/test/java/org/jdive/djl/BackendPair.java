package org.jdive.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.backend.Buffer;

/**
 * Runs one primitive on the CPU backend and on the DJL backend from the same buffer contents and compares
 * every buffer afterwards (outputs, and inputs that ops update in place), within float32 tolerances.
 */
final class BackendPair {

    /** One call of a primitive on {@code be} over {@code buffers}, laid out as the test chose. */
    interface Primitive {
        void run(Backend be, Buffer[] buffers);
    }

    static final Backend CPU = Backends.cpu();
    static final Backend DJL = Backends.get("djl");

    private BackendPair() {
    }

    /** Asserts that {@code op} leaves the same values in every buffer on both backends. */
    static void assertParity(String what, double tolerance, Primitive op, float[]... contents) {
        float[][] expected = runOn(CPU, op, contents);
        float[][] actual = runOn(DJL, op, contents);
        for (int b = 0; b < contents.length; b++) {
            assertClose(what + ", buffer " + b, tolerance, expected[b], actual[b]);
        }
    }

    /** The contents of every buffer after {@code op} ran on {@code be}; the buffers are released again. */
    static float[][] runOn(Backend be, Primitive op, float[]... contents) {
        long liveBefore = be.liveBuffers();
        Buffer[] buffers = new Buffer[contents.length];
        for (int i = 0; i < contents.length; i++) {
            buffers[i] = be.upload(contents[i], 0, contents[i].length);
        }
        float[][] out = new float[contents.length][];
        try {
            op.run(be, buffers);
            for (int i = 0; i < contents.length; i++) {
                out[i] = new float[contents[i].length];
                be.download(buffers[i], 0, out[i], 0, out[i].length);
            }
        } finally {
            for (Buffer buffer : buffers) {
                buffer.release();
            }
        }
        assertEquals(liveBefore, be.liveBuffers(), "live buffers on " + be.name() + " after " + op);
        return out;
    }

    /** |expected − actual| ≤ tolerance · (1 + |expected|) elementwise; NaN and infinities must match exactly. */
    static void assertClose(String what, double tolerance, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = Float.isFinite(e) ? Math.abs(e - a) <= tolerance * (1 + Math.abs(e)) : Float.compare(e, a) == 0;
            if (!ok) {
                fail(what + ": element " + i + " is " + a + " on djl, " + e + " on cpu");
            }
        }
    }

    static float[] uniform(UniformRandomProvider rng, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return v;
    }

    static int product(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
