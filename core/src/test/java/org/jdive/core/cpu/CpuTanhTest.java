package org.jdive.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuTanhTest {

    /**
     * Bit for bit {@code (float) Math.tanh} over a million floats spread across every exponent and sign (every
     * 4,099th bit pattern), the special values, and a block boundary; the whole float range was checked once the same
     * way (4,294,967,296 values, no difference).
     */
    @Test
    void givesMathTanhBitForBit() {
        int n = (int) ((1L << 32) / 4099) + 9;
        float[] x = new float[n];
        int k = 0;
        for (long bits = 0; bits < (1L << 32); bits += 4099) {
            x[k++] = Float.intBitsToFloat((int) bits);
        }
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, 9.010913f};
        System.arraycopy(special, 0, x, k, special.length);
        float[] o = new float[n];
        CpuTanh.apply(x, o, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits((float) Math.tanh(x[i])), Float.floatToRawIntBits(o[i]),
                    "tanh of " + x[i]);
        }
    }

    @Test
    void writesOnlyItsRange() {
        float[] x = {0.5f, 1f, 2f, 3f};
        float[] o = {7f, 7f, 7f, 7f};
        CpuTanh.apply(x, o, 1, 3);
        assertEquals(7f, o[0]);
        assertEquals((float) Math.tanh(1f), o[1]);
        assertEquals((float) Math.tanh(2f), o[2]);
        assertEquals(7f, o[3]);
    }
}
