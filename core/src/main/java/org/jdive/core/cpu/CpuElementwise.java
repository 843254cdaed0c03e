package org.jdive.core.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.UnaryOp;

/** Elementwise kernels of the CPU backend: one tight loop per op, split over cores for large arrays. */
final class CpuElementwise {

    /**
     * Elements per parallel chunk: a few microseconds of work, several times what handing a chunk to a spinning
     * helper costs (see {@link Parallel}).
     */
    static final int PARALLEL_GRAIN = 1 << 13;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private CpuElementwise() {
    }

    static void unary(UnaryOp op, float p, float[] x, float[] out, int n) {
        Parallel.forRange(n, PARALLEL_GRAIN, (from, to) -> unaryRange(op, p, x, out, from, to));
    }

    private static void unaryRange(UnaryOp op, float p, float[] x, float[] o, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) o[i] = -x[i]; }
            case ABS -> { for (int i = from; i < to; i++) o[i] = Math.abs(x[i]); }
            case SIGN -> { for (int i = from; i < to; i++) o[i] = Math.signum(x[i]); }
            case EXP -> { for (int i = from; i < to; i++) o[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) o[i] = (float) Math.log(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) o[i] = (float) Math.sqrt(x[i]); }
            case SQUARE -> { for (int i = from; i < to; i++) o[i] = x[i] * x[i]; }
            case RECIPROCAL -> { for (int i = from; i < to; i++) o[i] = 1f / x[i]; }
            case SIN -> { for (int i = from; i < to; i++) o[i] = (float) Math.sin(x[i]); }
            case COS -> { for (int i = from; i < to; i++) o[i] = (float) Math.cos(x[i]); }
            case TANH -> CpuTanh.apply(x, o, from, to);
            case SIGMOID -> { for (int i = from; i < to; i++) o[i] = sigmoid(x[i]); }
            case RELU -> { for (int i = from; i < to; i++) o[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> leakyRelu(p, x, o, from, to);
            case STEP -> step(x, o, from, to);
            case POW -> { for (int i = from; i < to; i++) o[i] = (float) Math.pow(x[i], p); }
            case ADD_SCALAR -> { for (int i = from; i < to; i++) o[i] = x[i] + p; }
            case MUL_SCALAR -> { for (int i = from; i < to; i++) o[i] = x[i] * p; }
            case RSUB_SCALAR -> { for (int i = from; i < to; i++) o[i] = p - x[i]; }
            case RDIV_SCALAR -> { for (int i = from; i < to; i++) o[i] = p / x[i]; }
            case FILL -> java.util.Arrays.fill(o, from, to, p);
        }
    }

    /*
     * The JIT compiles "x > 0 ? a : b" over an array to a branch, which data of random sign mispredicts half the
     * time; these two select lane-wise instead.
     */

    private static void leakyRelu(float slope, float[] x, float[] o, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            v.mul(slope).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = x[i] > 0f ? x[i] : slope * x[i];
        }
    }

    private static void step(float[] x, float[] o, int from, int to) {
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, x, i).compare(VectorOperators.GT, 0f);
            zero.blend(1f, positive).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = x[i] > 0f ? 1f : 0f;
        }
    }

    /** The logistic function, computed without overflow for large |x|. */
    static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    static void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        LoopPlan plan = LoopPlan.broadcast(outShape, aShape, bShape);
        int inner = plan.inner();
        int rows = plan.size() / inner;
        int[] sa = plan.strides[0];
        int[] sb = plan.strides[1];
        int last = plan.dims.length - 1;
        if (rows == 1) {
            Parallel.forRange(inner, PARALLEL_GRAIN, (from, to) ->
                    binaryRun(op, a, from * sa[last], sa[last], b, from * sb[last], sb[last], out, from, to - from));
            return;
        }
        int rowsPerChunk = Math.max(1, PARALLEL_GRAIN / inner);
        Parallel.forRange(rows, rowsPerChunk, (from, to) -> {
            LoopPlan.Rows row = plan.rowsFrom(from);
            for (int r = from; r < to; r++, row.next()) {
                binaryRun(op, a, row.offset(0), sa[last], b, row.offset(1), sb[last], out, r * inner, inner);
            }
        });
    }

    /**
     * One run of {@code n} outputs. Arithmetic and {@code RELU_BACKWARD} on the common layouts (both operands
     * contiguous, or one of them a repeated scalar) go a vector at a time; the rest, and other ops, take loops
     * the JIT may vectorise, and any other stride the general loop.
     */
    private static void binaryRun(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb,
                                  float[] o, int io, int n) {
        int done = vectors(op, a, ia, sa, b, ib, sb, o, io, n);
        if (done > 0) {
            ia += done * sa;
            ib += done * sb;
            io += done;
            n -= done;
        }
        if (sa == 1 && sb == 1) {
            contiguous(op, a, ia, b, ib, o, io, n);
        } else if (sa == 1 && sb == 0) {
            scalarRight(op, a, ia, b[ib], o, io, n);
        } else if (sa == 0 && sb == 1) {
            scalarLeft(op, a[ia], b, ib, o, io, n);
        } else {
            strided(op, a, ia, sa, b, ib, sb, o, io, n);
        }
    }

    /**
     * The whole vectors of a run of {@code +, -, ×, ÷, max, min} or {@code RELU_BACKWARD} whose operands are
     * contiguous or repeated scalars; returns how many outputs it wrote (none for other ops and layouts). Short
     * runs (a convolution's bias over 64 pixels) are where this beats the JIT's loops, which first step to an
     * aligned address one element at a time.
     */
    private static int vectors(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb,
                               float[] o, int io, int n) {
        if (sa > 1 || sb > 1 || sa + sb == 0) {
            return 0;
        }
        if (op == BinaryOp.RELU_BACKWARD) {
            return sa == 1 && sb == 1 ? reluBackwardVectors(a, ia, b, ib, o, io, n) : 0;
        }
        boolean arithmetic = switch (op) {
            case ADD, SUB, MUL, DIV, MAX, MIN -> true;
            default -> false;
        };
        if (!arithmetic) {
            return 0;
        }
        int end = SPECIES.loopBound(n);
        int step = SPECIES.length();
        if (sa == 1 && sb == 1) {
            for (int i = 0; i < end; i += step) {
                apply(op, FloatVector.fromArray(SPECIES, a, ia + i), FloatVector.fromArray(SPECIES, b, ib + i))
                        .intoArray(o, io + i);
            }
        } else if (sa == 1) {
            FloatVector y = FloatVector.broadcast(SPECIES, b[ib]);
            for (int i = 0; i < end; i += step) {
                apply(op, FloatVector.fromArray(SPECIES, a, ia + i), y).intoArray(o, io + i);
            }
        } else {
            FloatVector x = FloatVector.broadcast(SPECIES, a[ia]);
            for (int i = 0; i < end; i += step) {
                apply(op, x, FloatVector.fromArray(SPECIES, b, ib + i)).intoArray(o, io + i);
            }
        }
        return end;
    }

    private static FloatVector apply(BinaryOp op, FloatVector x, FloatVector y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
            case MAX -> x.max(y);
            case MIN -> x.min(y);
            default -> throw new IllegalArgumentException("no vector form here: " + op);
        };
    }

    /**
     * {@code b > 0 ? a : 0} lane-wise: the JIT's loop would branch on each element and mispredict half of them,
     * as a ReLU's inputs are of random sign.
     */
    private static int reluBackwardVectors(float[] a, int ia, float[] b, int ib, float[] o, int io, int n) {
        int end = SPECIES.loopBound(n);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < end; i += SPECIES.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(SPECIES, b, ib + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(SPECIES, a, ia + i), positive).intoArray(o, io + i);
        }
        return end;
    }

    private static void contiguous(BinaryOp op, float[] a, int ia, float[] b, int ib, float[] o, int io, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] + b[ib + i]; }
            case SUB -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] - b[ib + i]; }
            case MUL -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] * b[ib + i]; }
            case DIV -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] / b[ib + i]; }
            case POW -> { for (int i = 0; i < n; i++) o[io + i] = (float) Math.pow(a[ia + i], b[ib + i]); }
            case MAX -> { for (int i = 0; i < n; i++) o[io + i] = Math.max(a[ia + i], b[ib + i]); }
            case MIN -> { for (int i = 0; i < n; i++) o[io + i] = Math.min(a[ia + i], b[ib + i]); }
            case GT -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] > b[ib + i] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] >= b[ib + i] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] < b[ib + i] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] <= b[ib + i] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] == b[ib + i] ? 1f : 0f; }
            case RELU_BACKWARD -> { for (int i = 0; i < n; i++) o[io + i] = b[ib + i] > 0f ? a[ia + i] : 0f; }
        }
    }

    private static void scalarRight(BinaryOp op, float[] a, int ia, float y, float[] o, int io, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] + y; }
            case SUB -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] - y; }
            case MUL -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] * y; }
            case DIV -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] / y; }
            case POW -> { for (int i = 0; i < n; i++) o[io + i] = (float) Math.pow(a[ia + i], y); }
            case MAX -> { for (int i = 0; i < n; i++) o[io + i] = Math.max(a[ia + i], y); }
            case MIN -> { for (int i = 0; i < n; i++) o[io + i] = Math.min(a[ia + i], y); }
            case GT -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] > y ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] >= y ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] < y ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] <= y ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i] == y ? 1f : 0f; }
            case RELU_BACKWARD -> { for (int i = 0; i < n; i++) o[io + i] = y > 0f ? a[ia + i] : 0f; }
        }
    }

    private static void scalarLeft(BinaryOp op, float x, float[] b, int ib, float[] o, int io, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[io + i] = x + b[ib + i]; }
            case SUB -> { for (int i = 0; i < n; i++) o[io + i] = x - b[ib + i]; }
            case MUL -> { for (int i = 0; i < n; i++) o[io + i] = x * b[ib + i]; }
            case DIV -> { for (int i = 0; i < n; i++) o[io + i] = x / b[ib + i]; }
            case POW -> { for (int i = 0; i < n; i++) o[io + i] = (float) Math.pow(x, b[ib + i]); }
            case MAX -> { for (int i = 0; i < n; i++) o[io + i] = Math.max(x, b[ib + i]); }
            case MIN -> { for (int i = 0; i < n; i++) o[io + i] = Math.min(x, b[ib + i]); }
            case GT -> { for (int i = 0; i < n; i++) o[io + i] = x > b[ib + i] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) o[io + i] = x >= b[ib + i] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) o[io + i] = x < b[ib + i] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) o[io + i] = x <= b[ib + i] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) o[io + i] = x == b[ib + i] ? 1f : 0f; }
            case RELU_BACKWARD -> { for (int i = 0; i < n; i++) o[io + i] = b[ib + i] > 0f ? x : 0f; }
        }
    }

    private static void strided(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb,
                                float[] o, int io, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] + b[ib + i * sb]; }
            case SUB -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] - b[ib + i * sb]; }
            case MUL -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] * b[ib + i * sb]; }
            case DIV -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] / b[ib + i * sb]; }
            case POW -> { for (int i = 0; i < n; i++) o[io + i] = (float) Math.pow(a[ia + i * sa], b[ib + i * sb]); }
            case MAX -> { for (int i = 0; i < n; i++) o[io + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); }
            case MIN -> { for (int i = 0; i < n; i++) o[io + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); }
            case GT -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] > b[ib + i * sb] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] < b[ib + i * sb] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) o[io + i] = a[ia + i * sa] == b[ib + i * sb] ? 1f : 0f; }
            case RELU_BACKWARD -> { for (int i = 0; i < n; i++) o[io + i] = b[ib + i * sb] > 0f ? a[ia + i * sa] : 0f; }
        }
    }

    static void where(float[] c, int[] cShape, float[] a, int[] aShape, float[] b, int[] bShape,
                      float[] out, int[] outShape) {
        LoopPlan plan = LoopPlan.broadcast(outShape, cShape, aShape, bShape);
        int inner = plan.inner();
        int rows = plan.size() / inner;
        int last = plan.dims.length - 1;
        int sc = plan.strides[0][last];
        int sa = plan.strides[1][last];
        int sb = plan.strides[2][last];
        int rowsPerChunk = Math.max(1, PARALLEL_GRAIN / inner);
        Parallel.forRange(rows, rowsPerChunk, (from, to) -> {
            LoopPlan.Rows row = plan.rowsFrom(from);
            for (int r = from; r < to; r++, row.next()) {
                int ic = row.offset(0);
                int ia = row.offset(1);
                int ib = row.offset(2);
                int io = r * inner;
                for (int i = 0; i < inner; i++) {
                    out[io + i] = c[ic + i * sc] != 0f ? a[ia + i * sa] : b[ib + i * sb];
                }
            }
        });
    }

    static void clamp(float[] x, float[] out, int n, float lo, float hi) {
        Parallel.forRange(n, PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Math.min(Math.max(x[i], lo), hi);
            }
        });
    }
}
