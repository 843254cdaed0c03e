package org.jdive.core.cpu;

/** Gather, scatter-add and strided copies of the CPU backend. */
final class CpuIndexing {

    private CpuIndexing() {
    }

    static void gather(float[] x, float[] index, float[] out, int outer, int axisIn, int axisOut, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < axisOut; j++) {
                int k = checkedIndex(index[o * axisOut + j], axisIn);
                System.arraycopy(x, (o * axisIn + k) * inner, out, (o * axisOut + j) * inner, inner);
            }
        }
    }

    static void scatterAdd(float[] src, float[] index, float[] out, int outer, int axisSrc, int axisOut, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < axisSrc; j++) {
                int k = checkedIndex(index[o * axisSrc + j], axisOut);
                int s = (o * axisSrc + j) * inner;
                int d = (o * axisOut + k) * inner;
                for (int i = 0; i < inner; i++) {
                    out[d + i] += src[s + i];
                }
            }
        }
    }

    private static int checkedIndex(float value, int bound) {
        int k = (int) value;
        if (k != value || k < 0 || k >= bound) {
            throw new IndexOutOfBoundsException("index " + value + " is out of range [0, " + bound + ")");
        }
        return k;
    }

    static void copyStrided(float[] src, int srcOffset, int[] srcStrides, float[] dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        int rank = shape.length;
        if (rank == 0) {
            dst[dstOffset] = src[srcOffset];
            return;
        }
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n == 0) {
            return;
        }
        int inner = shape[rank - 1];
        int rows = n / inner;
        int ss = srcStrides[rank - 1];
        int ds = dstStrides[rank - 1];
        int rowsPerChunk = Math.max(1, CpuElementwise.PARALLEL_GRAIN / inner);
        Parallel.forRange(rows, rowsPerChunk, (from, to) -> {
            for (int r = from; r < to; r++) {
                int s = srcOffset;
                int d = dstOffset;
                int rem = r;
                for (int k = rank - 2; k >= 0; k--) {
                    int i = rem % shape[k];
                    rem /= shape[k];
                    s += i * srcStrides[k];
                    d += i * dstStrides[k];
                }
                if (ss == 1 && ds == 1) {
                    System.arraycopy(src, s, dst, d, inner);
                } else {
                    for (int i = 0; i < inner; i++) {
                        dst[d + i * ds] = src[s + i * ss];
                    }
                }
            }
        });
    }
}
