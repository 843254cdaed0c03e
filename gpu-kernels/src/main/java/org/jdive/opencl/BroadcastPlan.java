package org.jdive.opencl;

import java.util.Arrays;

/**
 * Index arithmetic for kernels that walk an output shape and read operands through strides: NumPy
 * broadcasting (size-1 dimensions get stride 0) and strided copies. Adjacent dimensions that are
 * contiguous in every operand are merged; the result is padded at the front to the eight dimensions a
 * kernel's {@code int8} arguments hold.
 */
final class BroadcastPlan {

    /** The most dimensions a kernel walks after merging. */
    static final int MAX_RANK = 8;

    /** Output extents, eight of them, outermost first. */
    final int[] dims;
    /** Per operand, eight strides. */
    final int[][] strides;
    /** The number of output elements. */
    final int size;
    /** How many of the eight dimensions are real (the rest are leading ones). */
    final int rank;

    private BroadcastPlan(int[] shape, int[][] operandStrides) {
        int fullRank = shape.length;
        int operands = operandStrides.length;
        int[] mergedDims = new int[fullRank];
        int[][] mergedStrides = new int[operands][fullRank];
        int m = 0;
        long n = 1;
        for (int d = 0; d < fullRank; d++) {
            n *= shape[d];
            if (shape[d] == 1) {
                continue;
            }
            if (m > 0 && mergeable(operandStrides, d, shape[d], mergedStrides, m - 1)) {
                mergedDims[m - 1] *= shape[d];
                for (int o = 0; o < operands; o++) {
                    mergedStrides[o][m - 1] = operandStrides[o][d];
                }
                continue;
            }
            mergedDims[m] = shape[d];
            for (int o = 0; o < operands; o++) {
                mergedStrides[o][m] = operandStrides[o][d];
            }
            m++;
        }
        if (m > MAX_RANK) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + m
                    + " dimensions after merging contiguous ones; the OpenCL backend walks at most " + MAX_RANK);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        size = (int) n;
        this.rank = m;
        dims = new int[MAX_RANK];
        Arrays.fill(dims, 1);
        strides = new int[operands][MAX_RANK];
        int shift = MAX_RANK - m;
        System.arraycopy(mergedDims, 0, dims, shift, m);
        for (int o = 0; o < operands; o++) {
            System.arraycopy(mergedStrides[o], 0, strides[o], shift, m);
        }
    }

    private static boolean mergeable(int[][] full, int d, int extent, int[][] merged, int prev) {
        for (int o = 0; o < full.length; o++) {
            if (merged[o][prev] != full[o][d] * extent) {
                return false;
            }
        }
        return true;
    }

    /** The innermost dimension's extent: the x extent of a kernel's range. */
    int inner() {
        return dims[MAX_RANK - 1];
    }

    /** A plan for explicit strides, one array per operand, each as long as {@code shape}. */
    static BroadcastPlan strided(int[] shape, int[]... operandStrides) {
        return new BroadcastPlan(shape, operandStrides);
    }

    /** A plan for operands of the given shapes broadcast, right-aligned, against {@code outShape}. */
    static BroadcastPlan broadcast(int[] outShape, int[]... shapes) {
        int rank = outShape.length;
        int[][] strides = new int[shapes.length][rank];
        for (int o = 0; o < shapes.length; o++) {
            int[] s = shapes[o];
            int shift = rank - s.length;
            if (shift < 0) {
                throw new IllegalArgumentException("operand shape " + Arrays.toString(s) + " has more dimensions than "
                        + Arrays.toString(outShape));
            }
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--) {
                int extent = d >= shift ? s[d - shift] : 1;
                if (extent != 1 && extent != outShape[d]) {
                    throw new IllegalArgumentException("shape mismatch: " + Arrays.toString(s)
                            + " cannot broadcast to " + Arrays.toString(outShape));
                }
                strides[o][d] = extent == 1 ? 0 : stride;
                stride *= extent;
            }
        }
        return new BroadcastPlan(outShape, strides);
    }
}
