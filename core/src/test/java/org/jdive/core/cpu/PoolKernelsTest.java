package org.jdive.core.cpu;

import static org.jdive.core.cpu.ConvKernelsTest.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.jdive.core.backend.PoolSpec;
import org.junit.jupiter.api.Test;

class PoolKernelsTest {

    /** batch, channels, height, width, kernel h/w, stride h/w, pad h/w. */
    private static final List<PoolSpec> GEOMETRIES = List.of(
            new PoolSpec(2, 3, 4, 4, 2, 2, 2, 2, 0, 0),
            new PoolSpec(2, 2, 5, 7, 3, 3, 1, 1, 1, 1),
            new PoolSpec(1, 3, 7, 5, 3, 3, 2, 2, 1, 1),
            new PoolSpec(2, 1, 5, 5, 2, 2, 1, 1, 1, 1),
            new PoolSpec(1, 2, 6, 9, 2, 3, 2, 1, 0, 1),
            new PoolSpec(1, 1, 1, 1, 1, 1, 1, 1, 0, 0));

    @Test
    void maxPoolingMatchesTheReferenceWithTiesGoingToTheFirstMaximum() {
        Random rnd = new Random(1);
        for (PoolSpec s : GEOMETRIES) {
            // Few distinct values, so that most windows hold ties.
            float[] x = new float[s.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(4) - 2;
            }
            float[] dy = SgemmTest.randomArray(rnd, s.outputSize());
            float[] y = new float[s.outputSize()];
            float[] expectedDx = new float[s.inputSize()];
            for (int out = 0; out < y.length; out++) {
                int[] window = window(s, out);
                int best = window[0];
                for (int i : window) {
                    if (x[i] > x[best]) {
                        best = i;
                    }
                }
                y[out] = x[best];
                expectedDx[best] += dy[out];
            }
            float[] actualY = new float[s.outputSize()];
            PoolKernels.maxForward(s, x, actualY);
            assertArrayEquals(y, actualY, "maxForward " + s);
            float[] dx = filled(s.inputSize(), Float.NaN);
            PoolKernels.maxBackward(s, x, dy, dx);
            assertArrayEquals(expectedDx, dx, 1e-6f, "maxBackward " + s);
        }
    }

    @Test
    void maxPoolingPropagatesNaN() {
        PoolSpec s = new PoolSpec(1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
        float[] y = new float[1];
        PoolKernels.maxForward(s, new float[] {1f, Float.NaN, 3f, 2f}, y);
        assertEquals(Float.NaN, y[0]);
    }

    @Test
    void averagePoolingMatchesTheReferenceCountingPaddedCells() {
        Random rnd = new Random(2);
        for (PoolSpec s : GEOMETRIES) {
            float[] x = SgemmTest.randomArray(rnd, s.inputSize());
            float[] dy = SgemmTest.randomArray(rnd, s.outputSize());
            float divisor = s.kernelHeight() * s.kernelWidth();
            float[] y = new float[s.outputSize()];
            double[] expectedDx = new double[s.inputSize()];
            for (int out = 0; out < y.length; out++) {
                double sum = 0;
                for (int i : window(s, out)) {
                    sum += x[i];
                    expectedDx[i] += dy[out] / (double) divisor;
                }
                y[out] = (float) (sum / divisor);
            }
            float[] actualY = new float[s.outputSize()];
            PoolKernels.avgForward(s, x, actualY);
            assertArrayEquals(y, actualY, 1e-6f, "avgForward " + s);
            float[] dx = filled(s.inputSize(), Float.NaN);
            PoolKernels.avgBackward(s, dy, dx);
            for (int i = 0; i < dx.length; i++) {
                assertEquals(expectedDx[i], dx[i], 1e-6, "avgBackward " + s + " at " + i);
            }
            assertEquals(dot(actualY, dy), dot(x, dx), 1e-4, "adjoint " + s);
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        PoolSpec s = new PoolSpec(8, 16, 64, 64, 3, 3, 2, 2, 1, 1);
        Random rnd = new Random(4);
        float[] x = SgemmTest.randomArray(rnd, s.inputSize());
        float[] dy = SgemmTest.randomArray(rnd, s.outputSize());
        float[][] parallel = run(s, x, dy);
        float[][][] serial = new float[1][][];
        Parallel.serially(() -> serial[0] = run(s, x, dy));
        for (int i = 0; i < parallel.length; i++) {
            assertArrayEquals(serial[0][i], parallel[i], "output " + i);
        }
    }

    private static float[][] run(PoolSpec s, float[] x, float[] dy) {
        float[][] out = {new float[s.outputSize()], new float[s.inputSize()], new float[s.outputSize()],
            new float[s.inputSize()]};
        PoolKernels.maxForward(s, x, out[0]);
        PoolKernels.maxBackward(s, x, dy, out[1]);
        PoolKernels.avgForward(s, x, out[2]);
        PoolKernels.avgBackward(s, dy, out[3]);
        return out;
    }

    /** The input indices of output {@code out}'s window that lie inside the image, in row-major window order. */
    private static int[] window(PoolSpec s, int out) {
        int ow = out % s.outWidth();
        int oh = out / s.outWidth() % s.outHeight();
        int plane = out / (s.outWidth() * s.outHeight());
        return java.util.stream.IntStream.range(0, s.kernelHeight() * s.kernelWidth())
                .map(t -> {
                    int ih = oh * s.strideHeight() - s.padHeight() + t / s.kernelWidth();
                    int iw = ow * s.strideWidth() - s.padWidth() + t % s.kernelWidth();
                    boolean inside = ih >= 0 && ih < s.inHeight() && iw >= 0 && iw < s.inWidth();
                    return inside ? (plane * s.inHeight() + ih) * s.inWidth() + iw : -1;
                })
                .filter(i -> i >= 0)
                .toArray();
    }

    private static float[] filled(int size, float value) {
        float[] out = new float[size];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
