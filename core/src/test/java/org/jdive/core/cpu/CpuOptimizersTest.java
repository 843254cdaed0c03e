package org.jdive.core.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuOptimizersTest {

    /** The vectorised centred RMSProp must give the scalar formula's bits, tails and weight decay included. */
    @Test
    void centredRmsPropVectorsEqualTheScalarFormulaBitForBit() {
        Random rnd = new Random(3);
        for (int n : new int[] {1, 17, 1000, 70_001}) {
            for (float decay : new float[] {0f, 0.01f}) {
                float[] p = random(rnd, n);
                float[] v = new float[n];
                float[] avg = new float[n];
                float[] ep = p.clone();
                float[] ev = new float[n];
                float[] eavg = new float[n];
                for (int step = 0; step < 3; step++) {
                    float[] g = random(rnd, n);
                    CpuOptimizers.rmsprop(p, g, v, avg, null, n, 2.5e-4f, 0.95f, 0.01f, decay, 0f);
                    for (int i = 0; i < n; i++) {
                        float grad = g[i] + decay * ep[i];
                        ev[i] = 0.95f * ev[i] + (1f - 0.95f) * grad * grad;
                        eavg[i] = 0.95f * eavg[i] + (1f - 0.95f) * grad;
                        float denom = (float) Math.sqrt(ev[i] - eavg[i] * eavg[i]) + 0.01f;
                        ep[i] -= 2.5e-4f * grad / denom;
                    }
                }
                assertArrayEquals(ep, p, "n=" + n + " decay=" + decay);
                assertArrayEquals(ev, v);
                assertArrayEquals(eavg, avg);
            }
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
