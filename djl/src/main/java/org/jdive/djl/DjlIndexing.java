package org.jdive.djl;

/** Host-side index arithmetic for the DJL backend's gather, scatter and strided copies. */
final class DjlIndexing {

    private DjlIndexing() {
    }

    /** Checks that every index is a whole number in {@code [0, bound)}, as the CPU backend does. */
    static void checkIndices(float[] index, int bound) {
        for (float value : index) {
            int k = (int) value;
            if (k != value || k < 0 || k >= bound) {
                throw new IndexOutOfBoundsException("index " + value + " is out of range [0, " + bound + ")");
            }
        }
    }

    /** The flat positions {@code offset + Σ ik·strides[k]} of every index of {@code shape}, row-major. */
    static long[] positions(int offset, int[] strides, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        long[] out = new long[n];
        int rank = shape.length;
        int[] index = new int[rank];
        long position = offset;
        for (int i = 0; i < n; i++) {
            out[i] = position;
            for (int k = rank - 1; k >= 0; k--) {
                position += strides[k];
                if (++index[k] < shape[k]) {
                    break;
                }
                position -= (long) strides[k] * shape[k];
                index[k] = 0;
            }
        }
        return out;
    }

    /** Whether {@code positions} are {@code 0, 1, ..., size-1}: the copy rewrites the whole destination in order. */
    static boolean coversInOrder(long[] positions, int size) {
        if (positions.length != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (positions[i] != i) {
                return false;
            }
        }
        return true;
    }
}
