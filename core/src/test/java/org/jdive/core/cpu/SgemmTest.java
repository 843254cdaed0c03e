package org.jdive.core.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SgemmTest {

    private static final float SENTINEL = 12345f;

    /** A matrix stored with an offset and a leading dimension wider than its rows, inside a larger array. */
    private record Stored(float[] data, int offset, int ld, int rows, int cols) {
        static Stored random(Random rnd, int rows, int cols) {
            int offset = rnd.nextInt(5);
            int ld = cols + rnd.nextInt(4);
            float[] data = new float[offset + rows * ld + 3];
            for (int i = 0; i < data.length; i++) {
                data[i] = rnd.nextFloat() * 2 - 1;
            }
            return new Stored(data, offset, ld, rows, cols);
        }

        double get(int i, int j) {
            return data[offset + i * ld + j];
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({
        "1,1,1", "1,1,7", "2,3,1", "5,1,9", "1,17,3", "7,33,5", "9,31,17", "4,64,32", "32,4,64", "32,64,64",
        "32,2,64", "3,5,0", "0,5,3", "5,0,3", "17,65,257", "65,47,300", "130,70,300", "61,200,45", "257,129,513",
        "600,3,700", "1,128,1024", "3,37,100", "6,21,77", "64,19,130", "2,1,64"})
    void matchesDoublePrecisionReferenceForEveryTransposeAndBeta(int m, int n, int k) {
        Random rnd = new Random(31L * m + 17L * n + k);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (float beta : new float[] {0f, 1f, -0.5f}) {
                    check(rnd, transA, transB, m, n, k, beta);
                }
            }
        }
    }

    @Test
    void randomShapesMatchTheReference() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int m = 1 + rnd.nextInt(trial < 40 ? 40 : 150);
            int n = 1 + rnd.nextInt(trial < 40 ? 80 : 150);
            int k = rnd.nextInt(trial < 40 ? 70 : 400);
            check(rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, rnd.nextBoolean() ? 0f : rnd.nextFloat());
        }
    }

    @Test
    void betaZeroOverwritesNaN() {
        float[] a = {1, 2, 3, 4};
        float[] b = {1, 0, 0, 1};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Sgemm.multiply(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, c);
        float[] d = {Float.NaN, 5f};
        Sgemm.multiply(false, false, 1, 2, 0, a, 0, 1, b, 0, 2, 0f, d, 0, 2);
        assertArrayEquals(new float[] {0f, 0f}, d);
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() {
        Random rnd = new Random(3);
        for (int[] shape : new int[][] {{300, 257, 520}, {513, 200, 130}, {64, 1100, 300}, {2000, 5, 1200},
                {32, 130, 1024}}) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            float[] a = randomArray(rnd, m * k);
            float[] b = randomArray(rnd, k * n);
            float[] c0 = randomArray(rnd, m * n);
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    float[] parallel = c0.clone();
                    float[] serial = c0.clone();
                    int lda = transA ? m : k;
                    int ldb = transB ? k : n;
                    Sgemm.multiply(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, 0.5f, parallel, 0, n);
                    Parallel.serially(() ->
                            Sgemm.multiply(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, 0.5f, serial, 0, n));
                    assertArrayEquals(serial, parallel, "bitwise, " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    private static void check(Random rnd, boolean transA, boolean transB, int m, int n, int k, float beta) {
        Stored a = transA ? Stored.random(rnd, k, m) : Stored.random(rnd, m, k);
        Stored b = transB ? Stored.random(rnd, n, k) : Stored.random(rnd, k, n);
        int cOff = rnd.nextInt(4);
        int ldc = n + rnd.nextInt(3);
        float[] c = new float[cOff + m * ldc + 2];
        java.util.Arrays.fill(c, SENTINEL);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = beta == 0f ? Float.NaN : rnd.nextFloat() * 2 - 1;
            }
        }
        float[] before = c.clone();
        Sgemm.multiply(transA, transB, m, n, k, a.data, a.offset, a.ld, b.data, b.offset, b.ld, beta, c, cOff, ldc);
        String where = (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k + " beta=" + beta;
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel < m * ldc && rel % ldc < n;
            if (!inside) {
                assertEquals(SENTINEL, c[idx], "wrote outside C at " + idx + ", " + where);
                continue;
            }
            int i = rel / ldc;
            int j = rel % ldc;
            double sum = 0;
            double magnitude = 0;
            for (int p = 0; p < k; p++) {
                double term = (transA ? a.get(p, i) : a.get(i, p)) * (transB ? b.get(j, p) : b.get(p, j));
                sum += term;
                magnitude += Math.abs(term);
            }
            if (beta != 0f) {
                sum += beta * (double) before[idx];
                magnitude += Math.abs(beta * before[idx]);
            }
            double tolerance = 1.2e-7 * (k + 2) * magnitude + 1e-30;
            assertTrue(Math.abs(c[idx] - sum) <= tolerance,
                    "C[" + i + "," + j + "] = " + c[idx] + ", expected " + sum + ", " + where);
        }
    }

    static float[] randomArray(Random rnd, int size) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = rnd.nextFloat() * 2 - 1;
        }
        return out;
    }
}
