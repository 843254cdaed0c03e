package org.jdive.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.UnaryOp;
import org.junit.jupiter.api.Test;

/** Selection through the service loader, offline loading, and the lifetime of buffers. */
class DjlBackendTest {

    private final Backend djl = Backends.get("djl");

    @Test
    void isFoundByNameButNeverChosenByAuto() {
        assertInstanceOf(DjlBackend.class, djl);
        assertSame(djl, Backends.get("djl"));
        assertTrue(Backends.names().contains("djl"));
        assertFalse(Backends.get("auto") instanceof DjlBackend);
        assertTrue(djl.description().startsWith("PyTorch 2.7.1 through DJL 0.35.1"), djl.description());
    }

    @Test
    void optionsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.get("djl:gpu"));
        assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
    }

    @Test
    void loadsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void countsLiveBuffersAndReleasesOnce() {
        long before = djl.liveBuffers();
        Buffer a = djl.allocate(5);
        Buffer b = djl.upload(new float[] {9, 1, 2, 3, 9}, 1, 3);
        assertEquals(before + 2, djl.liveBuffers());
        djl.unary(UnaryOp.FILL, 4f, a, a, 5); // replacing a buffer's value does not change the count
        assertEquals(before + 2, djl.liveBuffers());
        float[] out = new float[3];
        djl.download(b, 0, out, 0, 3);
        assertEquals(2f, out[1]);
        a.release();
        a.release();
        b.release();
        assertTrue(a.isReleased());
        assertEquals(before, djl.liveBuffers());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> djl.download(a, 0, out, 0, 1));
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void refusesBuffersOfAnotherBackend() {
        Buffer cpu = Backends.cpu().allocate(3);
        Buffer mine = djl.allocate(3);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> djl.unary(UnaryOp.NEG, 0f, cpu, mine, 3));
            assertTrue(e.getMessage().contains("'cpu'"), e.getMessage());
        } finally {
            cpu.release();
            mine.release();
        }
    }

    @Test
    void tensorsMoveBetweenBackends() {
        try (Tensor onCpu = Tensor.of(Backends.cpu(), new float[] {1, -2, 3}, 3);
             Tensor onDjl = onCpu.to(djl);
             Tensor back = onDjl.relu().keep()) {
            assertSame(djl, back.backend());
            assertEquals("[1.0, 0.0, 3.0]", java.util.Arrays.toString(back.to(Backends.cpu()).toFloatArray()));
        }
    }
}
