package org.jdive.core.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix multiply on row-major {@code float[]} matrices, {@code C = op(A)·op(B) + beta·C}.
 *
 * <p><b>Blocking.</b> Large products follow the GotoBLAS/BLIS scheme. The output is cut into tasks
 * (blocks of rows × columns, chosen from the shape alone) that run in parallel. Within a task, {@code K}
 * is cut into slabs of 256; for each slab the task's columns of {@code op(B)} are packed into
 * 256×{@code NR} micro-panels (kept in L1 by the micro-kernel's inner loop) and the rows of
 * {@code op(A)} in blocks of 128 into 256×8 micro-panels (an L2-sized block).
 * The micro-kernel keeps an 8×{@code NR} tile of {@code C} in vector registers
 * ({@code NR} is two vectors: 32 floats with AVX-512) and adds it into {@code C} once per slab.
 *
 * <p><b>Determinism.</b> Every element of {@code C} is computed the same way whatever the tasks and
 * threads: per {@code K} slab, a fused multiply-add chain from zero in increasing {@code k}; slabs are
 * added into {@code C} in increasing order. Edge tiles run the same kernel on zero-padded panels. The result
 * is therefore identical bit for bit for any number of threads.
 *
 * <p>Small products (RL-sized layers) skip packing and threads: a 4-row × 2-vector register tile reads
 * A and, where it can, B in place. A C narrower than a vector is computed as its transpose.
 */
public final class Sgemm {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Rows of the register tile. */
    private static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    private static final int NR = 2 * L;
    /** Depth of a K slab: a KC×NR micro-panel of B stays in L1. */
    private static final int KC = 256;
    /** Rows of A packed at once: an MC×KC block stays in L2. */
    private static final int MC = 128;
    /** The widest column block one task packs from B. */
    private static final int NC = 1024;
    /** Below this many multiply-adds, no packing and no threads. */
    private static final long SMALL = 1L << 18;
    /** From this many multiply-adds (some 25 µs of work), a product is split into tasks that run in parallel. */
    private static final long PARALLEL = 1L << 21;
    /**
     * The multiply-adds per task of a split product: each task packs its own panels, so smaller products (a
     * CartPole layer at batch 128) lose more to packing twice than they gain from a second core.
     */
    private static final long TASK_VOLUME = 1L << 19;
    /** The most tasks a large product is split into (more than the cores, for balance). */
    private static final int TASKS = 8;
    /**
     * Up to this many rows of A, a product with B transposed is computed as dot products of rows
     * ({@link RowDotProducts}) rather than by copying B into column panels, which costs as much as the product.
     */
    private static final int DOT_ROWS = 64;
    /**
     * Below this many multiply-adds: larger products with so few rows of A are deep ones (a convolution's weight
     * gradient over a batch of images), whose rows would not stay in cache between the dot products.
     */
    private static final long DOT_VOLUME = 1L << 23;
    /** The depth from which those dot products fill a few vectors (shallower ones are mostly lane sums). */
    private static final int DOT_DEPTH = 4 * L;
    /**
     * Up to this depth and {@link #SHALLOW_ROWS} rows of A, a product with B stored along its columns is computed
     * from B in place, split over the cores by column blocks of about {@link #SHALLOW_CHUNK} multiply-adds:
     * packing B would cost more than the product (a convolution over few channels into few, whose depth is
     * channels × kernel taps).
     */
    private static final int SHALLOW = 64;
    private static final int SHALLOW_ROWS = 32;
    private static final long SHALLOW_CHUNK = 1L << 18;
    /** Rows of the small-product register tile where eight rows of A remain. */
    private static final int TALL_ROWS = 8;
    /** Rows of the small-product register tile for the last rows. */
    private static final int SMALL_ROWS = 4;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Sgemm() {
    }

    /**
     * Computes {@code C = op(A)·op(B) + beta·C}, where {@code op(A)} is {@code m×k}, {@code op(B)} is
     * {@code k×n} and {@code C} is {@code m×n}; all row-major.
     *
     * @param transA whether {@code A} is stored as {@code k×m} (so {@code op(A) = Aᵀ})
     * @param transB whether {@code B} is stored as {@code n×k} (so {@code op(B) = Bᵀ})
     * @param a      A's elements, starting at {@code aOff}, rows {@code lda} apart
     * @param b      B's elements, starting at {@code bOff}, rows {@code ldb} apart
     * @param beta   scale of the existing {@code C}; with {@code 0} C is overwritten, whatever it held (NaN included)
     * @param c      C's elements, starting at {@code cOff}, rows {@code ldc} apart; only the m×n block is written
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (n < L && m > n) {
            narrow(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long volume = (long) m * n * k;
        if (transB && !transA && m <= DOT_ROWS && k >= DOT_DEPTH && volume < DOT_VOLUME) {
            RowDotProducts.multiply(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (volume <= SMALL) {
            small(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (k <= SHALLOW && m <= SHALLOW_ROWS && !transB) {
            int colsPerChunk = NR * (int) Math.max(1, SHALLOW_CHUNK / ((long) m * k * NR));
            Parallel.forRange(n, colsPerChunk, (j0, j1) -> small(transA, false, m, j1 - j0, k, a, aOff, lda,
                    b, bOff + j0, ldb, beta, c, cOff + j0, ldc));
            return;
        }
        Operands ops = new Operands(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        int taskRows = roundUp(m, MR);
        int taskCols = Math.min(roundUp(n, NR), NC);
        long wanted = volume < PARALLEL ? 1 : Math.min(TASKS, volume / TASK_VOLUME);
        while (ceilDiv(m, taskRows) * ceilDiv(n, taskCols) < wanted) {
            if (taskRows >= taskCols && taskRows > MR) {
                taskRows = roundUp(ceilDiv(taskRows, 2), MR);
            } else if (taskCols > NR) {
                taskCols = roundUp(ceilDiv(taskCols, 2), NR);
            } else {
                break;
            }
        }
        int rowTasks = ceilDiv(m, taskRows);
        int colTasks = ceilDiv(n, taskCols);
        int rows = taskRows;
        int cols = taskCols;
        Parallel.forEach(rowTasks * colTasks, t -> {
            int i0 = (t / colTasks) * rows;
            int j0 = (t % colTasks) * cols;
            blocked(ops, i0, Math.min(m, i0 + rows), j0, Math.min(n, j0 + cols), SCRATCH.get());
        });
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = row; j < row + n; j++) {
                c[j] = beta == 0f ? 0f : beta * c[j];
            }
        }
    }

    /**
     * A C narrower than a vector (a layer with a few outputs) would leave most lanes idle; its transpose
     * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} is wider, so that is computed into scratch and merged back.
     */
    private static void narrow(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        float[] t = SCRATCH.get().transposed(m * n);
        multiply(!transB, !transA, n, m, k, b, bOff, ldb, a, aOff, lda, 0f, t, 0, m);
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float v = t[j * m + i];
                c[row + j] = beta == 0f ? v : Math.fma(c[row + j], beta, v);
            }
        }
    }

    /** The arguments of one call, shared by its tasks. */
    private record Operands(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
    }

    /** Computes the block {@code C[i0:i1, j0:j1]}. */
    private static void blocked(Operands o, int i0, int i1, int j0, int j1, Scratch s) {
        float[] packedB = s.packedB(roundUp(j1 - j0, NR) * KC);
        float[] packedA = s.packedA(MC * KC);
        for (int p0 = 0; p0 < o.k; p0 += KC) {
            int kc = Math.min(KC, o.k - p0);
            boolean overwrite = p0 == 0 && o.beta == 0f;
            float beta = p0 == 0 ? o.beta : 1f;
            packB(o, p0, kc, j0, j1, packedB);
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                packA(o, ic, mc, p0, kc, packedA);
                for (int jr = j0; jr < j1; jr += NR) {
                    int cols = Math.min(NR, j1 - jr);
                    int bi = (jr - j0) * kc;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int rows = Math.min(MR, mc - ir);
                        int ci = o.cOff + (ic + ir) * o.ldc + jr;
                        kernel(kc, packedA, ir * kc, packedB, bi, s.tile);
                        merge(s.tile, rows, cols, o.c, ci, o.ldc, beta, overwrite);
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(A)[ic:ic+mc, p0:p0+kc]} into MR-row micro-panels: panel {@code s} starts at
     * {@code s*MR*kc}, element {@code (r, p)} at {@code p*MR + r}; rows past {@code mc} are zero.
     */
    private static void packA(Operands o, int ic, int mc, int p0, int kc, float[] dst) {
        float[] a = o.a;
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (o.transA) {
                for (int p = 0; p < kc; p++) {
                    int src = o.aOff + (p0 + p) * o.lda + ic + ir;
                    int d = base + p * MR;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    if (r < rows) {
                        int src = o.aOff + (ic + ir + r) * o.lda + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * MR + r] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0:p0+kc, j0:j1]} into NR-column micro-panels: panel {@code t} starts at
     * {@code t*NR*kc}, element {@code (p, c)} at {@code p*NR + c}; columns past {@code j1} are zero.
     */
    private static void packB(Operands o, int p0, int kc, int j0, int j1, float[] dst) {
        float[] b = o.b;
        for (int jr = j0; jr < j1; jr += NR) {
            int base = (jr - j0) * kc;
            int cols = Math.min(NR, j1 - jr);
            if (o.transB) {
                for (int col = 0; col < NR; col++) {
                    if (col < cols) {
                        int src = o.bOff + (jr + col) * o.ldb + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + col] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * NR + col] = 0f;
                        }
                    }
                }
            } else if (cols == NR) { // two vectors a row: an arraycopy call per 2·L floats costs more than the copy
                for (int p = 0; p < kc; p++) {
                    int src = o.bOff + (p0 + p) * o.ldb + jr;
                    int d = base + p * NR;
                    FloatVector.fromArray(F, b, src).intoArray(dst, d);
                    FloatVector.fromArray(F, b, src + L).intoArray(dst, d + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = o.bOff + (p0 + p) * o.ldb + jr;
                    int d = base + p * NR;
                    System.arraycopy(b, src, dst, d, cols);
                    for (int col = cols; col < NR; col++) {
                        dst[d + col] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The MR×NR register tile over one K slab of packed panels, written to {@code tile} (row-major, NR wide).
     * Merging into C happens outside so that this loop stays small enough for C2 to keep every accumulator
     * in a register. It is {@link #tallKernel} with the packed panels' strides as constants, which makes a large
     * product about a fifth faster than passing them.
     */
    private static void kernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, pb, bo);
            FloatVector b1 = FloatVector.fromArray(F, pb, bo + L);
            FloatVector a = FloatVector.broadcast(F, pa[ao]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(F, pa[ao + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(F, pa[ao + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(F, pa[ao + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(F, pa[ao + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(F, pa[ao + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(F, pa[ao + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(F, pa[ao + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /**
     * Writes the valid {@code rows × cols} of a tile into C: the tile itself, or {@code c·beta + tile} rounded
     * once (the vector and scalar forms agree bit for bit).
     */
    private static void merge(float[] tile, int rows, int cols, float[] c, int ci, int ldc,
                              float beta, boolean overwrite) {
        FloatVector vb = FloatVector.broadcast(F, beta);
        for (int r = 0; r < rows; r++) {
            int row = ci + r * ldc;
            if (cols == NR) {
                for (int col = 0; col < NR; col += L) {
                    FloatVector acc = FloatVector.fromArray(F, tile, r * NR + col);
                    if (!overwrite) {
                        acc = FloatVector.fromArray(F, c, row + col).fma(vb, acc);
                    }
                    acc.intoArray(c, row + col);
                }
            } else {
                for (int col = 0; col < cols; col++) {
                    float acc = tile[r * NR + col];
                    c[row + col] = overwrite ? acc : Math.fma(c[row + col], beta, acc);
                }
            }
        }
    }

    /**
     * Small products: a register tile of {@value #TALL_ROWS} rows (the last rows {@value #SMALL_ROWS} at a time) ×
     * two vectors reads A in place, and B in place too where a column block is full and B is not transposed; other
     * column blocks are first copied into a zero-padded NR-wide panel (masked loads past the end of an array would
     * leave the fast path).
     * Row tails repeat the last row, whose extra results are not stored.
     */
    private static void small(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        Scratch scratch = SCRATCH.get();
        int rowStride = transA ? 1 : lda;
        int depthStride = transA ? lda : 1;
        for (int j = 0; j < n; j += NR) {
            int cols = Math.min(NR, n - j);
            float[] panel = b;
            int panelOff = bOff + j;
            int panelLd = ldb;
            if (transB || cols < NR) {
                panel = scratch.packedB(k * NR);
                panelOff = 0;
                panelLd = NR;
                copyPanel(transB, k, j, cols, b, bOff, ldb, panel);
            }
            int i = 0;
            for (; i + TALL_ROWS <= m; i += TALL_ROWS) {
                tallKernel(k, a, aOff + i * rowStride, rowStride, depthStride, panel, panelOff, panelLd, scratch.tile);
                merge(scratch.tile, TALL_ROWS, cols, c, cOff + i * ldc + j, ldc, beta, beta == 0f);
            }
            for (; i < m; i += SMALL_ROWS) {
                int rows = Math.min(SMALL_ROWS, m - i);
                smallKernel(k, a, aOff + i * rowStride, Math.min(rows - 1, 1) * rowStride,
                        Math.min(rows - 1, 2) * rowStride, Math.min(rows - 1, 3) * rowStride, depthStride,
                        panel, panelOff, panelLd, scratch.tile);
                merge(scratch.tile, rows, cols, c, cOff + i * ldc + j, ldc, beta, beta == 0f);
            }
        }
    }

    /** Copies {@code op(B)[:, j:j+cols]} into a k×NR panel, zero-padded on the right. */
    private static void copyPanel(boolean transB, int k, int j, int cols, float[] b, int bOff, int ldb, float[] panel) {
        for (int p = 0; p < k; p++) {
            int d = p * NR;
            if (transB) {
                for (int col = 0; col < cols; col++) {
                    panel[d + col] = b[bOff + (j + col) * ldb + p];
                }
            } else {
                System.arraycopy(b, bOff + p * ldb + j, panel, d, cols);
            }
            java.util.Arrays.fill(panel, d + cols, d + NR, 0f);
        }
    }

    /**
     * An {@value #TALL_ROWS}×NR tile over the whole depth, as {@link #smallKernel} with twice the rows: sixteen
     * accumulators keep both FMA pipes busy where four rows' eight would wait on their latency.
     */
    private static void tallKernel(int k, float[] a, int a0, int rowStride, int depthStride,
                                   float[] b, int bOff, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        FloatVector c60 = FloatVector.zero(F), c61 = FloatVector.zero(F);
        FloatVector c70 = FloatVector.zero(F), c71 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            int ap = a0 + p * depthStride;
            FloatVector b0 = FloatVector.fromArray(F, b, bo);
            FloatVector b1 = FloatVector.fromArray(F, b, bo + L);
            FloatVector av = FloatVector.broadcast(F, a[ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, a[ap + rowStride]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, a[ap + 2 * rowStride]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, a[ap + 3 * rowStride]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(F, a[ap + 4 * rowStride]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(F, a[ap + 5 * rowStride]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(F, a[ap + 6 * rowStride]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(F, a[ap + 7 * rowStride]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /**
     * A {@value #SMALL_ROWS}×NR tile over the whole depth: rows of A start at {@code a0}, {@code a0 + r1},
     * {@code a0 + r2}, {@code a0 + r3}, with {@code depthStride} between their elements; row {@code p} of the
     * B panel starts at {@code bOff + p·ldb}. The result goes to {@code tile}.
     */
    private static void smallKernel(int k, float[] a, int a0, int r1, int r2, int r3, int depthStride,
                                    float[] b, int bOff, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            int bo = bOff + p * ldb;
            int ap = a0 + p * depthStride;
            FloatVector b0 = FloatVector.fromArray(F, b, bo);
            FloatVector b1 = FloatVector.fromArray(F, b, bo + L);
            FloatVector av = FloatVector.broadcast(F, a[ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F, a[ap + r1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F, a[ap + r2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F, a[ap + r3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Scratch {
        private float[] packedA = new float[0];
        private float[] packedB = new float[0];
        private final float[] tile = new float[MR * NR];
        private float[] transposed = new float[0];

        float[] transposed(int size) {
            if (transposed.length < size) {
                transposed = new float[size];
            }
            return transposed;
        }

        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        float[] packedB(int size) {
            if (packedB.length < size) {
                packedB = new float[size];
            }
            return packedB;
        }
    }
}
