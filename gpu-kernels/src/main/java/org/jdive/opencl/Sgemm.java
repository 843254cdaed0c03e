package org.jdive.opencl;

/**
 * Batched SGEMM on the device, {@code C[b] = A[b]·B[b] + beta·C[b]}: both operands are packed into
 * zero-padded copies (whatever their transposes and strides), then one kernel runs over whole tiles only:
 * {@code sgemm_blocked} on CPU devices (register blocks streamed from contiguous panels),
 * {@code sgemm_tiled} on GPUs (local-memory tiles). The tile sizes are compiled in as {@code -D} options;
 * see {@code kernels/sgemm.cl}.
 */
final class Sgemm {

    /**
     * Tile geometry. {@code blocked} (CPU devices): a work-item computes {@code wptm} rows by {@code vw}
     * columns straight from the packed panels, so padding is to {@code wptm}, {@code vw} and nothing in k.
     * Otherwise (GPUs) a work-group computes {@code tsm×tsn} from {@code tsk}-deep local tiles, a
     * work-item {@code wptm×wptn} of it.
     */
    record Tiles(boolean blocked, int tsm, int tsn, int tsk, int wptm, int wptn, int vw) {

        static Tiles forDevice(boolean gpu, long maxWorkGroupSize) {
            if (!gpu) {
                return new Tiles(true, 8, 16, 1, 8, 16, 16);
            }
            return maxWorkGroupSize >= 256 ? new Tiles(false, 64, 64, 16, 4, 4, 0)
                    : new Tiles(false, 64, 64, 16, 8, 8, 0);
        }

        String options() {
            return "-DTSM=" + tsm + " -DTSN=" + tsn + " -DTSK=" + tsk + " -DWPTM=" + wptm + " -DWPTN=" + wptn
                    + " -DLPAD=1" + (blocked ? " -DVW=" + vw : "");
        }
    }

    /** Work-group shapes of the pack and the blocked kernels (whose ranges are rounded up to them). */
    private static final long[] PACK_GROUP = {64, 1, 1};
    private static final long[] BLOCKED_GROUP = {8, 8, 1};

    private final OpenClBackend backend;
    private final Tiles tiles;
    private final Kernel pack;
    private final Kernel tiled;

    Sgemm(OpenClBackend backend, Tiles tiles) {
        this.backend = backend;
        this.tiles = tiles;
        this.pack = backend.kernel("sgemm", "pack", tiles.options());
        this.tiled = backend.kernel("sgemm", tiles.blocked() ? "sgemm_blocked" : "sgemm_tiled", tiles.options());
    }

    /**
     * {@code C[b] = A[b]·B[b] + beta·C[b]} for {@code b < batch}, with {@code C[b]} at
     * {@code cOffset + b·m·n}. An operand with batch stride 0 is packed once and shared.
     */
    void multiply(int batch, int m, int n, int k, GemmOperand a, GemmOperand b, ClBuffer c, int cOffset,
                  float beta) {
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        int mp = roundUp(m, tiles.tsm());
        int np = roundUp(n, tiles.tsn());
        int kp = roundUp(k, tiles.tsk());
        int aBatches = a.batchStride() == 0 ? 1 : batch;
        int bBatches = b.batchStride() == 0 ? 1 : batch;
        ClBuffer packedA = backend.scratch(aBatches * kp * mp);
        ClBuffer packedB = backend.scratch(bBatches * kp * np);
        try {
            pack(a, k, m, packedA, kp, mp, tiles.tsm(), aBatches);
            pack(b, k, n, packedB, kp, np, tiles.tsn(), bBatches);
            long[] extents = {np / tiles.wptn(), mp / tiles.wptm(), batch};
            long[] local = tiles.blocked() ? BLOCKED_GROUP : new long[] {tiles.tsn() / tiles.wptn(), tiles.tsm() / tiles.wptm(), 1};
            backend.launcher().runGrouped(tiled, extents, local, mp, np, kp, m, n,
                    packedA, aBatches == 1 ? 0 : kp * mp, packedB, bBatches == 1 ? 0 : kp * np, c, cOffset, beta);
        } finally {
            packedA.release();
            packedB.release();
        }
    }

    /** Packs {@code src} into {@code dst}: panels {@code panel} (a power of two) columns wide, k-major inside. */
    private void pack(GemmOperand src, int k, int cols, ClBuffer dst, int kp, int cp, int panel, int batches) {
        if (kp == 0) {
            return;
        }
        backend.launcher().runGrouped(pack, new long[] {cp, kp, batches}, PACK_GROUP, src.buffer(), src.offset(),
                src.batchStride(), src.kInner(), src.kOuterStride(), src.kStride(), src.cStride(), k, cols, dst, kp, cp,
                Integer.numberOfTrailingZeros(panel));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
