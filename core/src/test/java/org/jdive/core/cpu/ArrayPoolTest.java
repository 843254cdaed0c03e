package org.jdive.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.backend.Buffer;
import org.junit.jupiter.api.Test;

class ArrayPoolTest {

    @Test
    void givesBackArraysOfExactlyTheLengthAskedForLastInFirstOut() {
        ArrayPool pool = new ArrayPool(1_000);
        float[] first = new float[10];
        float[] second = new float[10];
        pool.give(first);
        pool.give(second);
        pool.give(new float[11]);
        assertEquals(31, pool.held());
        assertNull(pool.take(12));
        assertSame(second, pool.take(10));
        assertSame(first, pool.take(10));
        assertNull(pool.take(10));
        assertEquals(11, pool.held());
    }

    @Test
    void keepsNoMoreThanItsCapacity() {
        ArrayPool pool = new ArrayPool(25);
        pool.give(new float[10]);
        pool.give(new float[10]);
        pool.give(new float[10]);
        assertEquals(20, pool.held());
        pool.give(new float[5]);
        assertEquals(25, pool.held());
    }

    @Test
    void aReusedArrayComesBackZeroedOrOverwritten() {
        CpuBackend cpu = new CpuBackend();
        float[] values = {1, 2, 3, 4, 5, 6, 7};
        Buffer written = cpu.upload(values, 0, values.length);
        float[] array = ((CpuBuffer) written).data();
        written.release();
        Buffer zeros = cpu.allocate(values.length);
        assertSame(array, ((CpuBuffer) zeros).data(), "the released array is reused");
        float[] read = new float[values.length];
        cpu.download(zeros, 0, read, 0, read.length);
        for (float v : read) {
            assertEquals(0f, v);
        }
        zeros.release();
        Buffer copy = cpu.upload(new float[] {9, 8, 7, 6, 5, 4, 3}, 0, 7);
        cpu.download(copy, 0, read, 0, read.length);
        assertEquals(9f, read[0]);
        assertEquals(3f, read[6]);
    }

    /** The test builds set {@code jdive.cpu.poisonOutputs}, so that every kernel test also checks full coverage. */
    @Test
    void anOutputBufferStartsAsNaNInTheTests() {
        CpuBackend cpu = new CpuBackend();
        Buffer written = cpu.upload(new float[] {1, 2, 3}, 0, 3);
        written.release();
        Buffer output = cpu.allocateForOutput(3);
        float[] read = new float[3];
        cpu.download(output, 0, read, 0, read.length);
        for (float v : read) {
            assertTrue(Float.isNaN(v), "jdive.cpu.poisonOutputs is set by the surefire configuration: " + v);
        }
        output.release();
    }

    @Test
    void aReleasedBufferNoLongerReachesItsArray() {
        CpuBackend cpu = new CpuBackend();
        Buffer first = cpu.allocate(8);
        first.release();
        first.release();
        Buffer second = cpu.allocate(8);
        Buffer third = cpu.allocate(8);
        assertNotSame(((CpuBuffer) second).data(), ((CpuBuffer) third).data(), "released twice, pooled once");
        assertTrue(first.isReleased());
        assertThrows(IllegalStateException.class, () -> ((CpuBuffer) first).data());
        assertEquals(2, cpu.liveBuffers());
    }
}
