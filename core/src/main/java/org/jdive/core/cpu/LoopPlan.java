package org.jdive.core.cpu;

import java.util.Arrays;

/**
 * How to loop over an output shape with several operands, each laid out with its own strides (0 along a
 * broadcast dimension): size-1 dimensions are dropped and adjacent dimensions that are contiguous in every operand
 * are merged, so that the innermost loop is as long as possible. The loop runs over rows, the positions of every
 * merged dimension but the last, each an inner run of {@link #inner()} elements.
 */
final class LoopPlan {

    /** Merged output dimensions, outermost first. */
    final int[] dims;
    /** Per operand, the stride of each merged dimension (0 where broadcast). */
    final int[][] strides;

    /** Operands of the given shapes broadcast to {@code outShape} as NumPy does (right-aligned, size 1 repeats). */
    static LoopPlan broadcast(int[] outShape, int[]... shapes) {
        int rank = outShape.length;
        int[][] full = new int[shapes.length][rank];
        for (int o = 0; o < shapes.length; o++) {
            int[] s = shapes[o];
            int shift = rank - s.length;
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--) {
                int size = d >= shift ? s[d - shift] : 1;
                if (size != 1 && size != outShape[d]) {
                    throw new IllegalArgumentException("shape mismatch: operand dimension " + size
                            + " cannot broadcast to " + outShape[d]);
                }
                full[o][d] = size == 1 ? 0 : stride;
                stride *= size;
            }
        }
        return new LoopPlan(outShape, full);
    }

    /** Operands with the given strides, one per dimension of {@code shape}. */
    static LoopPlan strided(int[] shape, int[]... strides) {
        return new LoopPlan(shape, strides);
    }

    private LoopPlan(int[] outShape, int[][] full) {
        int rank = outShape.length;
        int operands = full.length;
        // Merge dimension d into the previous merged one when, for every operand, stepping that one equals
        // running through d.
        int[] mergedDims = new int[Math.max(rank, 1)];
        int[][] mergedStrides = new int[operands][Math.max(rank, 1)];
        int m = 0;
        for (int d = 0; d < rank; d++) {
            if (outShape[d] == 1) {
                continue;
            }
            if (m > 0 && mergeable(full, d, outShape[d], mergedStrides, m - 1)) {
                mergedDims[m - 1] *= outShape[d];
                for (int o = 0; o < operands; o++) {
                    mergedStrides[o][m - 1] = full[o][d];
                }
                continue;
            }
            mergedDims[m] = outShape[d];
            for (int o = 0; o < operands; o++) {
                mergedStrides[o][m] = full[o][d];
            }
            m++;
        }
        if (m == 0) {
            mergedDims[0] = 1;
            m = 1;
        }
        dims = Arrays.copyOf(mergedDims, m);
        strides = new int[operands][];
        for (int o = 0; o < operands; o++) {
            strides[o] = Arrays.copyOf(mergedStrides[o], m);
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

    /** The number of output elements. */
    int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The innermost (merged) dimension's length. */
    int inner() {
        return dims[dims.length - 1];
    }

    /** A cursor on row {@code row}. */
    Rows rowsFrom(int row) {
        return new Rows(row);
    }

    /** Steps through consecutive rows, keeping each operand's offset, so that no row needs a division. */
    final class Rows {
        private final int[] index = new int[dims.length];
        private final int[] offsets = new int[strides.length];

        private Rows(int row) {
            for (int d = dims.length - 2; d >= 0; d--) {
                index[d] = row % dims[d];
                row /= dims[d];
                for (int o = 0; o < offsets.length; o++) {
                    offsets[o] += index[d] * strides[o][d];
                }
            }
        }

        /** Where the current row starts in operand {@code operand}. */
        int offset(int operand) {
            return offsets[operand];
        }

        /** Moves to the next row. */
        void next() {
            for (int d = dims.length - 2; d >= 0; d--) {
                index[d]++;
                for (int o = 0; o < offsets.length; o++) {
                    offsets[o] += strides[o][d];
                }
                if (index[d] < dims[d] || d == 0) {
                    return;
                }
                for (int o = 0; o < offsets.length; o++) {
                    offsets[o] -= dims[d] * strides[o][d];
                }
                index[d] = 0;
            }
        }
    }
}
