package org.jdive.core.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jdive.core.backend.ReduceOp;

/**
 * Reductions and softmax of the CPU backend over {@code [outer, axis, inner]} views. Sums accumulate in
 * double, in index order, so results do not depend on the number of threads.
 */
final class CpuReductions {

    /** A long single reduction is split into partial sums over blocks of this fixed size. */
    private static final int BLOCK = 1 << 14;
    /**
     * The run length from which a sum runs on vectors: already for a convolution's bias gradient, which sums runs of
     * 64 outputs (512 such runs: 8.6 µs on four scalar accumulators, 5.8 on vectors, one core).
     */
    private static final int VECTOR_SUM = 32;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats as many as {@link #D} has lanes, widened to doubles one vector at a time. */
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.length() * Float.SIZE));

    private CpuReductions() {
    }

    static void reduce(ReduceOp op, float[] x, float[] out, int outer, int axis, int inner) {
        if (axis == 0) {
            throw new IllegalArgumentException("cannot reduce over an empty axis");
        }
        if (op == ReduceOp.SUM && outer == 1 && inner == 1 && axis >= 4 * BLOCK) {
            out[0] = (float) blockedSum(x, axis);
            return;
        }
        int outputs = outer * inner;
        int grain = Math.max(1, CpuElementwise.PARALLEL_GRAIN / axis);
        Parallel.forRange(outputs, grain, (from, to) -> {
            if (inner == 1) {
                for (int j = from; j < to; j++) {
                    out[j] = reduceOne(op, x, j * axis, 1, axis);
                }
                return;
            }
            for (int j = from; j < to; j++) {
                int o = j / inner;
                int i = j - o * inner;
                out[j] = reduceOne(op, x, o * axis * inner + i, inner, axis);
            }
        });
    }

    private static float reduceOne(ReduceOp op, float[] x, int start, int stride, int n) {
        switch (op) {
            case SUM -> {
                return stride == 1 ? (float) contiguousSum(x, start, n) : (float) stridedSum(x, start, stride, n);
            }
            case MAX -> {
                float m = x[start];
                for (int k = 1, p = start + stride; k < n; k++, p += stride) {
                    m = Math.max(m, x[p]);
                }
                return m;
            }
            case MIN -> {
                float m = x[start];
                for (int k = 1, p = start + stride; k < n; k++, p += stride) {
                    m = Math.min(m, x[p]);
                }
                return m;
            }
            case ARGMAX -> {
                int best = 0;
                float m = x[start];
                for (int k = 1, p = start + stride; k < n; k++, p += stride) {
                    if (x[p] > m || (Float.isNaN(x[p]) && !Float.isNaN(m))) {
                        m = x[p];
                        best = k;
                    }
                }
                return best;
            }
        }
        throw new AssertionError(op);
    }

    /**
     * The sum of {@code n} contiguous floats in double. Short runs use four scalar accumulators; from
     * {@link #VECTOR_SUM} elements on, two vectors of double lanes (each lane a fixed subsequence of the run), whose
     * lanes are then added in order, so the result depends only on the data and the vector width.
     */
    private static double contiguousSum(float[] x, int start, int n) {
        if (n >= VECTOR_SUM) {
            return vectorSum(x, start, n);
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += x[start + k];
            s1 += x[start + k + 1];
            s2 += x[start + k + 2];
            s3 += x[start + k + 3];
        }
        for (; k < n; k++) {
            s0 += x[start + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double vectorSum(float[] x, int start, int n) {
        int lanes = D.length();
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        int k = 0;
        for (; k + 2 * lanes <= n; k += 2 * lanes) {
            s0 = s0.add(widened(x, start + k));
            s1 = s1.add(widened(x, start + k + lanes));
        }
        DoubleVector partial = s0.add(s1);
        double total = 0;
        for (int lane = 0; lane < lanes; lane++) { // in order, where reduceLanes may not be
            total += partial.lane(lane);
        }
        for (; k < n; k++) {
            total += x[start + k];
        }
        return total;
    }

    private static DoubleVector widened(float[] x, int at) {
        return (DoubleVector) FloatVector.fromArray(HALF, x, at).convertShape(VectorOperators.F2D, D, 0);
    }

    private static double stridedSum(float[] x, int start, int stride, int n) {
        double s = 0;
        for (int k = 0, p = start; k < n; k++, p += stride) {
            s += x[p];
        }
        return s;
    }

    private static double blockedSum(float[] x, int n) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        Parallel.forEach(blocks, blk -> {
            int from = blk * BLOCK;
            partial[blk] = contiguousSum(x, from, Math.min(n, from + BLOCK) - from);
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    static void softmax(float[] x, float[] out, int outer, int axis, int inner, boolean log) {
        int grain = Math.max(1, CpuElementwise.PARALLEL_GRAIN / axis);
        Parallel.forRange(outer * inner, grain, (from, to) -> {
            for (int j = from; j < to; j++) {
                int o = j / inner;
                int start = o * axis * inner + (j - o * inner);
                softmaxOne(x, out, start, inner, axis, log);
            }
        });
    }

    private static void softmaxOne(float[] x, float[] out, int start, int stride, int n, boolean log) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0, p = start; k < n; k++, p += stride) {
            max = Math.max(max, x[p]);
        }
        double sum = 0;
        for (int k = 0, p = start; k < n; k++, p += stride) {
            sum += Math.exp(x[p] - max);
        }
        if (log) {
            float logSum = (float) Math.log(sum);
            for (int k = 0, p = start; k < n; k++, p += stride) {
                out[p] = x[p] - max - logSum;
            }
        } else {
            double inv = 1.0 / sum;
            for (int k = 0, p = start; k < n; k++, p += stride) {
                out[p] = (float) (Math.exp(x[p] - max) * inv);
            }
        }
    }
}
