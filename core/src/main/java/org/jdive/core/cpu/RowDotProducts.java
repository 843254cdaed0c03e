package org.jdive.core.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A·Bᵀ + beta·C} where A ({@code m×k}) and B ({@code n×k}) are both stored row-major along the depth,
 * as dot products of their rows: what a layer's input times its {@code [out, in]} weight is. Nothing is packed or
 * transposed, so this suits a few rows of A (a batch of one to a few dozen), where copying B into column panels
 * would cost as much as the product itself. Large products are split over the cores by columns of C.
 *
 * <p>Each element of C is a vector of per-lane partial sums over {@code k}, a fused multiply-add chain in
 * increasing {@code k}; the lanes are then added by a fixed butterfly (the Vector API's own lane reduction may
 * change its order from run to run), and the last {@code k mod L} terms are added in order. The result therefore
 * never depends on the thread or on the JIT.
 */
final class RowDotProducts {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Rows of A in the register tile. */
    private static final int ROWS = 4;
    /**
     * Rows of B in the register tile: 6 where there are 32 vector registers (24 of them then hold partial sums, and
     * A's rows are read a third less often than with 4), 4 on x86 without AVX-512, which has 16.
     */
    private static final int COLS = isX86() && F.vectorBitSize() < 512 ? 4 : 6;
    /** Rows of B in the single-row tile, for the rows of A past the last full tile. */
    private static final int WIDE = 16;
    /**
     * From this many multiply-adds, the columns of C are split into chunks of about {@link #CHUNK} each, and into
     * two at least: a single row of A times a large B (acting on one observation) reads B from memory, which two
     * cores do faster than one.
     */
    private static final long PARALLEL = 1L << 17;
    private static final long CHUNK = 1L << 18;
    /** Each thread's per-lane partial sums of a tile, one vector per dot product. */
    private static final ThreadLocal<float[]> PARTIALS =
            ThreadLocal.withInitial(() -> new float[Math.max(ROWS * COLS, WIDE) * L]);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_8 = swap(8);

    private RowDotProducts() {
    }

    /** Computes {@code C[m×n] = A·Bᵀ + beta·C}; with {@code beta == 0} the old C is ignored (NaN included). */
    static void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int ldc) {
        long volume = (long) m * n * k;
        int colsPerChunk = volume < PARALLEL ? n
                : COLS * (int) Math.max(1, Math.min(CHUNK / ((long) m * k * COLS), Math.ceilDiv(n, 2 * COLS)));
        Parallel.forRange(n, colsPerChunk, (j0, j1) ->
                columns(m, j0, j1, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
    }

    /**
     * Columns {@code [j0, j1)} of C. Each group of {@value #COLS} rows of B (in L1) meets every tile of A's
     * rows in turn, so that B is read from memory once however many rows A has; A's last rows, past its last
     * full tile, then meet {@value #WIDE} rows of B at a time.
     */
    private static void columns(int m, int j0, int j1, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                                int ldb, float beta, float[] c, int cOff, int ldc) {
        float[] partials = PARTIALS.get();
        int tiledRows = m - m % ROWS;
        for (int j = j0; j < j1; j += COLS) {
            int cols = Math.min(COLS, j1 - j);
            int b0 = bOff + j * ldb;
            for (int i = 0; i < tiledRows; i += ROWS) {
                int a0 = aOff + i * lda;
                if (COLS == 6) {
                    square4x6(k, a, a0, lda, b, b0, ldb, cols, partials);
                } else {
                    square4x4(k, a, a0, lda, b, b0, ldb, cols, partials);
                }
                finish(partials, ROWS, COLS, cols, k, a, a0, lda, b, b0, ldb, beta, c, cOff + i * ldc + j, ldc);
            }
        }
        for (int i = tiledRows; i < m; i++) {
            int a0 = aOff + i * lda;
            for (int j = j0; j < j1; j += WIDE) {
                int cols = Math.min(WIDE, j1 - j);
                int b0 = bOff + j * ldb;
                wide(k, a, a0, b, b0, ldb, cols, partials);
                finish(partials, 1, WIDE, cols, k, a, a0, lda, b, b0, ldb, beta, c, cOff + i * ldc + j, ldc);
            }
        }
    }

    /**
     * Completes a tile of {@code rows} × {@code width} dot products whose per-lane partial sums are in
     * {@code partials} (row-major, one vector each): adds up each one's lanes, then its terms past the last whole
     * vector in order, and writes the first {@code cols} of each row into C.
     */
    private static void finish(float[] partials, int rows, int width, int cols, int k, float[] a, int a0, int lda,
                               float[] b, int b0, int ldb, float beta, float[] c, int ci, int ldc) {
        int kv = F.loopBound(k);
        for (int r = 0; r < rows; r++) {
            int ai = a0 + r * lda;
            for (int col = 0; col < cols; col++) {
                int bi = b0 + col * ldb;
                float s = laneSum(FloatVector.fromArray(F, partials, (r * width + col) * L));
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[ai + p], b[bi + p], s);
                }
                int at = ci + r * ldc + col;
                c[at] = beta == 0f ? s : Math.fma(c[at], beta, s);
            }
        }
    }

    /**
     * The 4×6 dot products of A's rows from {@code a0} ({@code lda} apart) with B's rows from {@code b0}
     * ({@code ldb} apart), row-major into {@code partials} (one vector each); past {@code cols} B's last row
     * repeats.
     */
    private static void square4x6(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb, int cols,
                               float[] partials) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b1 = b0 + Math.min(1, cols - 1) * ldb;
        int b2 = b0 + Math.min(2, cols - 1) * ldb;
        int b3 = b0 + Math.min(3, cols - 1) * ldb;
        int b4 = b0 + Math.min(4, cols - 1) * ldb;
        int b5 = b0 + Math.min(5, cols - 1) * ldb;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c03 = FloatVector.zero(F), c04 = FloatVector.zero(F), c05 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F);
        FloatVector c13 = FloatVector.zero(F), c14 = FloatVector.zero(F), c15 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F);
        FloatVector c23 = FloatVector.zero(F), c24 = FloatVector.zero(F), c25 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F);
        FloatVector c33 = FloatVector.zero(F), c34 = FloatVector.zero(F), c35 = FloatVector.zero(F);
        int kv = F.loopBound(k);
        for (int p = 0; p < kv; p += L) {
            FloatVector x0 = FloatVector.fromArray(F, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(F, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(F, a, a2 + p);
            FloatVector x3 = FloatVector.fromArray(F, a, a3 + p);
            FloatVector y = FloatVector.fromArray(F, b, b0 + p);
            c00 = x0.fma(y, c00);
            c10 = x1.fma(y, c10);
            c20 = x2.fma(y, c20);
            c30 = x3.fma(y, c30);
            y = FloatVector.fromArray(F, b, b1 + p);
            c01 = x0.fma(y, c01);
            c11 = x1.fma(y, c11);
            c21 = x2.fma(y, c21);
            c31 = x3.fma(y, c31);
            y = FloatVector.fromArray(F, b, b2 + p);
            c02 = x0.fma(y, c02);
            c12 = x1.fma(y, c12);
            c22 = x2.fma(y, c22);
            c32 = x3.fma(y, c32);
            y = FloatVector.fromArray(F, b, b3 + p);
            c03 = x0.fma(y, c03);
            c13 = x1.fma(y, c13);
            c23 = x2.fma(y, c23);
            c33 = x3.fma(y, c33);
            y = FloatVector.fromArray(F, b, b4 + p);
            c04 = x0.fma(y, c04);
            c14 = x1.fma(y, c14);
            c24 = x2.fma(y, c24);
            c34 = x3.fma(y, c34);
            y = FloatVector.fromArray(F, b, b5 + p);
            c05 = x0.fma(y, c05);
            c15 = x1.fma(y, c15);
            c25 = x2.fma(y, c25);
            c35 = x3.fma(y, c35);
        }
        c00.intoArray(partials, 0);
        c01.intoArray(partials, 1 * L);
        c02.intoArray(partials, 2 * L);
        c03.intoArray(partials, 3 * L);
        c04.intoArray(partials, 4 * L);
        c05.intoArray(partials, 5 * L);
        c10.intoArray(partials, 6 * L);
        c11.intoArray(partials, 7 * L);
        c12.intoArray(partials, 8 * L);
        c13.intoArray(partials, 9 * L);
        c14.intoArray(partials, 10 * L);
        c15.intoArray(partials, 11 * L);
        c20.intoArray(partials, 12 * L);
        c21.intoArray(partials, 13 * L);
        c22.intoArray(partials, 14 * L);
        c23.intoArray(partials, 15 * L);
        c24.intoArray(partials, 16 * L);
        c25.intoArray(partials, 17 * L);
        c30.intoArray(partials, 18 * L);
        c31.intoArray(partials, 19 * L);
        c32.intoArray(partials, 20 * L);
        c33.intoArray(partials, 21 * L);
        c34.intoArray(partials, 22 * L);
        c35.intoArray(partials, 23 * L);
    }

    /** As {@link #square4x6}, with 4 rows of B: 16 partial sums, for machines with 16 vector registers. */
    private static void square4x4(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb, int cols,
                               float[] partials) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b1 = b0 + Math.min(1, cols - 1) * ldb;
        int b2 = b0 + Math.min(2, cols - 1) * ldb;
        int b3 = b0 + Math.min(3, cols - 1) * ldb;
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c03 = FloatVector.zero(F), c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F), c13 = FloatVector.zero(F), c20 = FloatVector.zero(F);
        FloatVector c21 = FloatVector.zero(F), c22 = FloatVector.zero(F), c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F);
        FloatVector c33 = FloatVector.zero(F);
        int kv = F.loopBound(k);
        for (int p = 0; p < kv; p += L) {
            FloatVector x0 = FloatVector.fromArray(F, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(F, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(F, a, a2 + p);
            FloatVector x3 = FloatVector.fromArray(F, a, a3 + p);
            FloatVector y = FloatVector.fromArray(F, b, b0 + p);
            c00 = x0.fma(y, c00);
            c10 = x1.fma(y, c10);
            c20 = x2.fma(y, c20);
            c30 = x3.fma(y, c30);
            y = FloatVector.fromArray(F, b, b1 + p);
            c01 = x0.fma(y, c01);
            c11 = x1.fma(y, c11);
            c21 = x2.fma(y, c21);
            c31 = x3.fma(y, c31);
            y = FloatVector.fromArray(F, b, b2 + p);
            c02 = x0.fma(y, c02);
            c12 = x1.fma(y, c12);
            c22 = x2.fma(y, c22);
            c32 = x3.fma(y, c32);
            y = FloatVector.fromArray(F, b, b3 + p);
            c03 = x0.fma(y, c03);
            c13 = x1.fma(y, c13);
            c23 = x2.fma(y, c23);
            c33 = x3.fma(y, c33);
        }
        c00.intoArray(partials, 0);
        c01.intoArray(partials, L);
        c02.intoArray(partials, 2 * L);
        c03.intoArray(partials, 3 * L);
        c10.intoArray(partials, 4 * L);
        c11.intoArray(partials, 5 * L);
        c12.intoArray(partials, 6 * L);
        c13.intoArray(partials, 7 * L);
        c20.intoArray(partials, 8 * L);
        c21.intoArray(partials, 9 * L);
        c22.intoArray(partials, 10 * L);
        c23.intoArray(partials, 11 * L);
        c30.intoArray(partials, 12 * L);
        c31.intoArray(partials, 13 * L);
        c32.intoArray(partials, 14 * L);
        c33.intoArray(partials, 15 * L);
    }

    /**
     * The dot products of one row of A (from {@code a0}) with {@value #WIDE} rows of B from {@code b0}
     * ({@code ldb} apart) into {@code partials} (one vector each); past {@code cols} B's last row repeats.
     */
    private static void wide(int k, float[] a, int a0, float[] b, int b0, int ldb, int cols, float[] partials) {
        int last = cols - 1;
        int b1 = b0 + Math.min(1, last) * ldb;
        int b2 = b0 + Math.min(2, last) * ldb;
        int b3 = b0 + Math.min(3, last) * ldb;
        int b4 = b0 + Math.min(4, last) * ldb;
        int b5 = b0 + Math.min(5, last) * ldb;
        int b6 = b0 + Math.min(6, last) * ldb;
        int b7 = b0 + Math.min(7, last) * ldb;
        int b8 = b0 + Math.min(8, last) * ldb;
        int b9 = b0 + Math.min(9, last) * ldb;
        int b10 = b0 + Math.min(10, last) * ldb;
        int b11 = b0 + Math.min(11, last) * ldb;
        int b12 = b0 + Math.min(12, last) * ldb;
        int b13 = b0 + Math.min(13, last) * ldb;
        int b14 = b0 + Math.min(14, last) * ldb;
        int b15 = b0 + Math.min(15, last) * ldb;
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F), c2 = FloatVector.zero(F);
        FloatVector c3 = FloatVector.zero(F), c4 = FloatVector.zero(F), c5 = FloatVector.zero(F);
        FloatVector c6 = FloatVector.zero(F), c7 = FloatVector.zero(F), c8 = FloatVector.zero(F);
        FloatVector c9 = FloatVector.zero(F), c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F), c13 = FloatVector.zero(F), c14 = FloatVector.zero(F);
        FloatVector c15 = FloatVector.zero(F);
        int kv = F.loopBound(k);
        for (int p = 0; p < kv; p += L) {
            FloatVector x = FloatVector.fromArray(F, a, a0 + p);
            c0 = x.fma(FloatVector.fromArray(F, b, b0 + p), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, b1 + p), c1);
            c2 = x.fma(FloatVector.fromArray(F, b, b2 + p), c2);
            c3 = x.fma(FloatVector.fromArray(F, b, b3 + p), c3);
            c4 = x.fma(FloatVector.fromArray(F, b, b4 + p), c4);
            c5 = x.fma(FloatVector.fromArray(F, b, b5 + p), c5);
            c6 = x.fma(FloatVector.fromArray(F, b, b6 + p), c6);
            c7 = x.fma(FloatVector.fromArray(F, b, b7 + p), c7);
            c8 = x.fma(FloatVector.fromArray(F, b, b8 + p), c8);
            c9 = x.fma(FloatVector.fromArray(F, b, b9 + p), c9);
            c10 = x.fma(FloatVector.fromArray(F, b, b10 + p), c10);
            c11 = x.fma(FloatVector.fromArray(F, b, b11 + p), c11);
            c12 = x.fma(FloatVector.fromArray(F, b, b12 + p), c12);
            c13 = x.fma(FloatVector.fromArray(F, b, b13 + p), c13);
            c14 = x.fma(FloatVector.fromArray(F, b, b14 + p), c14);
            c15 = x.fma(FloatVector.fromArray(F, b, b15 + p), c15);
        }
        c0.intoArray(partials, 0);
        c1.intoArray(partials, L);
        c2.intoArray(partials, 2 * L);
        c3.intoArray(partials, 3 * L);
        c4.intoArray(partials, 4 * L);
        c5.intoArray(partials, 5 * L);
        c6.intoArray(partials, 6 * L);
        c7.intoArray(partials, 7 * L);
        c8.intoArray(partials, 8 * L);
        c9.intoArray(partials, 9 * L);
        c10.intoArray(partials, 10 * L);
        c11.intoArray(partials, 11 * L);
        c12.intoArray(partials, 12 * L);
        c13.intoArray(partials, 13 * L);
        c14.intoArray(partials, 14 * L);
        c15.intoArray(partials, 15 * L);
    }

    /**
     * The sum of the lanes, always in the same order: each step adds to every lane the one {@code d} apart, for
     * {@code d = 1, 2, 4, ...} up to half the vector (the shuffles are constants, so that each step compiles to a
     * permute and an add).
     */
    private static float laneSum(FloatVector v) {
        v = v.add(v.rearrange(SWAP_1));
        if (L > 2) {
            v = v.add(v.rearrange(SWAP_2));
        }
        if (L > 4) {
            v = v.add(v.rearrange(SWAP_4));
        }
        if (L > 8) {
            v = v.add(v.rearrange(SWAP_8));
        }
        return v.lane(0);
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
    }

    /** The shuffle that swaps lanes {@code distance} apart (the identity where the vector is not that wide). */
    private static VectorShuffle<Float> swap(int distance) {
        return VectorShuffle.fromOp(F, lane -> (lane ^ distance) & (L - 1));
    }
}
