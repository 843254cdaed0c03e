package org.jdive.core.cpu;

/** Gather, scatter-add and strided copies of the CPU backend. */
final class CpuIndexing {

    /** Slices shorter than this are copied element by element rather than with {@link System#arraycopy}. */
    private static final int SHORT_SLICE = 16;

    private CpuIndexing() {
    }

    /**
     * Picks, for each of the {@code outer · axisOut} indices, one slice of {@code inner} floats: in parallel over
     * the picks, element by element where the slices are short (a call per single float costs more than the copy).
     */
    static void gather(float[] x, float[] index, float[] out, int outer, int axisIn, int axisOut, int inner) {
        int picksPerChunk = Math.max(1, CpuElementwise.PARALLEL_GRAIN / Math.max(1, inner));
        Parallel.forRange(outer * axisOut, picksPerChunk, (from, to) -> {
            int o = from / axisOut;
            int j = from - o * axisOut;
            for (int pick = from; pick < to; pick++) {
                int src = (o * axisIn + checkedIndex(index[pick], axisIn)) * inner;
                int dst = pick * inner;
                if (inner < SHORT_SLICE) {
                    for (int i = 0; i < inner; i++) {
                        out[dst + i] = x[src + i];
                    }
                } else {
                    System.arraycopy(x, src, out, dst, inner);
                }
                if (++j == axisOut) {
                    j = 0;
                    o++;
                }
            }
        });
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
        if (shape.length == 0) {
            dst[dstOffset] = src[srcOffset];
            return;
        }
        for (int d : shape) {
            if (d == 0) {
                return;
            }
        }
        LoopPlan plan = LoopPlan.strided(shape, srcStrides, dstStrides);
        int inner = plan.inner();
        int rows = plan.size() / inner;
        int last = plan.dims.length - 1;
        int ss = plan.strides[0][last];
        int ds = plan.strides[1][last];
        int rowsPerChunk = Math.max(1, CpuElementwise.PARALLEL_GRAIN / inner);
        Parallel.forRange(rows, rowsPerChunk, (from, to) ->
                copyRows(plan, from, to, src, srcOffset, ss, dst, dstOffset, ds, inner));
    }

    /** Rows {@code [from, to)} of a strided copy, each a run of {@code inner} elements. */
    private static void copyRows(LoopPlan plan, int from, int to, float[] src, int srcOffset, int ss,
                                 float[] dst, int dstOffset, int ds, int inner) {
        LoopPlan.Rows row = plan.rowsFrom(from);
        for (int r = from; r < to; r++, row.next()) {
            int s = srcOffset + row.offset(0);
            int d = dstOffset + row.offset(1);
            if (ss == 1 && ds == 1) {
                System.arraycopy(src, s, dst, d, inner);
            } else {
                stridedRun(src, s, ss, dst, d, ds, inner);
            }
        }
    }

    /**
     * {@code dst[d + i·ds] = src[s + i·ss]} for {@code i < n}, four at a time: with strides known only at run time
     * the JIT leaves a one-element loop as it is, two to three times slower (a permute's inner run).
     */
    private static void stridedRun(float[] src, int s, int ss, float[] dst, int d, int ds, int n) {
        int i = 0;
        for (; i + 4 <= n; i += 4, s += 4 * ss, d += 4 * ds) {
            float a = src[s];
            float b = src[s + ss];
            float c = src[s + 2 * ss];
            float e = src[s + 3 * ss];
            dst[d] = a;
            dst[d + ds] = b;
            dst[d + 2 * ds] = c;
            dst[d + 3 * ds] = e;
        }
        for (; i < n; i++, s += ss, d += ds) {
            dst[d] = src[s];
        }
    }
}
