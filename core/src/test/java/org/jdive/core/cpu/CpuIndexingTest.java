package org.jdive.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpuIndexingTest {

    @Test
    void stridedCopiesMatchTheIndexFormula() {
        Random rnd = new Random(9);
        int[][] shapes = {{32, 4, 10, 10}, {3, 1, 5, 7}, {6, 5}, {2, 3, 4, 5}, {9}, {1, 1}, {300, 2, 260}};
        for (int[] shape : shapes) {
            for (int trial = 0; trial < 4; trial++) {
                int[] srcStrides = permutedStrides(rnd, shape, rnd.nextInt(3));
                int[] dstStrides = permutedStrides(rnd, shape, rnd.nextInt(2));
                int srcOffset = rnd.nextInt(4);
                int dstOffset = rnd.nextInt(4);
                float[] src = new float[srcOffset + extent(shape, srcStrides)];
                for (int i = 0; i < src.length; i++) {
                    src[i] = i;
                }
                float[] dst = new float[dstOffset + extent(shape, dstStrides)];
                Arrays.fill(dst, -1f);
                float[] expected = dst.clone();
                int size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
                for (int flat = 0; flat < size; flat++) {
                    int s = srcOffset;
                    int d = dstOffset;
                    for (int dim = shape.length - 1, rest = flat; dim >= 0; dim--) {
                        int i = rest % shape[dim];
                        rest /= shape[dim];
                        s += i * srcStrides[dim];
                        d += i * dstStrides[dim];
                    }
                    expected[d] = src[s];
                }
                CpuIndexing.copyStrided(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
                assertEquals(Arrays.toString(expected), Arrays.toString(dst), Arrays.toString(shape)
                        + " from strides " + Arrays.toString(srcStrides) + " to " + Arrays.toString(dstStrides));
            }
        }
    }

    /** The strides of a contiguous layout of {@code shape}'s dimensions in random order, rows padded by {@code pad}. */
    private static int[] permutedStrides(Random rnd, int[] shape, int pad) {
        Integer[] order = new Integer[shape.length];
        Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(Arrays.asList(order), rnd);
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            strides[order[k]] = stride;
            stride *= shape[order[k]] + (k == shape.length - 1 ? pad : 0);
        }
        return strides;
    }

    /** One past the largest offset the layout reaches. */
    private static int extent(int[] shape, int[] strides) {
        int last = 0;
        for (int d = 0; d < shape.length; d++) {
            last += (shape[d] - 1) * strides[d];
        }
        return last + 1;
    }
}
