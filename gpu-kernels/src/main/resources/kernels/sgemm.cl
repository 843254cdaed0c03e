// SGEMM in two steps. `pack` copies each operand, transposed or not, into panels padded with zeros to
// whole tiles: A in panels of TSM rows, B in panels of TSN columns, each panel k-major (Mp, Np and Kp
// are multiples of the tile sizes). `sgemm_tiled` then runs without bounds checks: each work-group
// computes a TSM x TSN tile of C from TSK-deep slabs staged in local memory (loaded as float4), each
// work-item a WPTM x WPTN block held in registers. The local tiles are padded by LPAD floats per row so that GPU work-items reading a column
// hit different banks. Tile sizes come as -D options from the host (SgemmPlan).

#define RTSM (TSM / WPTM)
#define RTSN (TSN / WPTN)
#define THREADS (RTSM * RTSN)

// Element (k, c) of batch b, read from src[srcOffset + b*batchStride + (k/kInner)*kOuterStride
// + (k%kInner)*ks + c*cs] for k < K and c < C and zero in the padding (see GemmOperand), is written to
// panel c/P, row k, lane c%P: panels of P = 2^panelShift columns, each k-major and contiguous, so that
// both GEMM kernels read a tile as one unbroken block. No division by a per-element value: the panel is
// a shift, and k is split only when the operand asks for it (k is uniform across a work-group).
__kernel void pack(__global const float* src, const int srcOffset, const int batchStride, const int kInner,
                   const int kOuterStride, const int ks, const int cs, const int K, const int C,
                   __global float* dst, const int Kp, const int Cp, const int panelShift) {
    const int c = get_global_id(0);
    const int k = get_global_id(1);
    const int b = get_global_id(2);
    if (c >= Cp || k >= Kp) return;
    float v = 0.0f;
    if (k < K && c < C) {
        const int ko = kInner >= K ? 0 : k / kInner;
        v = src[srcOffset + (size_t) b * batchStride + (size_t) ko * kOuterStride + (size_t) (k - ko * kInner) * ks
                + (size_t) c * cs];
    }
    const int panel = c >> panelShift;
    const int lane = c - (panel << panelShift);
    dst[(size_t) b * Kp * Cp + (((size_t) panel * Kp + k) << panelShift) + lane] = v;
}

__kernel __attribute__((reqd_work_group_size(RTSN, RTSM, 1)))
void sgemm_tiled(const int Mp, const int Np, const int Kp, const int M, const int N,
                 __global const float* A, const int aBatchStride,
                 __global const float* B, const int bBatchStride,
                 __global float* C, const int cOffset, const float beta) {
    const int tidn = get_local_id(0);
    const int tidm = get_local_id(1);
    const int offN = TSN * get_group_id(0);
    const int offM = TSM * get_group_id(1);
    const int batch = get_global_id(2);
    A += (size_t) batch * aBatchStride;
    B += (size_t) batch * bBatchStride;
    C += cOffset + (size_t) batch * M * N;

    __local float Asub[TSK][TSM + LPAD];
    __local float Bsub[TSK][TSN + LPAD];

    float acc[WPTM][WPTN];
    for (int wm = 0; wm < WPTM; wm++) {
        for (int wn = 0; wn < WPTN; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }
    const int tid = tidm * RTSN + tidn;

    for (int t = 0; t < Kp; t += TSK) {
        for (int l = tid; l < TSK * TSM / 4; l += THREADS) {
            const int row = l / (TSM / 4);
            const int col = (l % (TSM / 4)) * 4;
            vstore4(vload4(0, A + (size_t) offM * Kp + (t + row) * TSM + col), 0, &Asub[row][col]);
        }
        for (int l = tid; l < TSK * TSN / 4; l += THREADS) {
            const int row = l / (TSN / 4);
            const int col = (l % (TSN / 4)) * 4;
            vstore4(vload4(0, B + (size_t) offN * Kp + (t + row) * TSN + col), 0, &Bsub[row][col]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);

        for (int k = 0; k < TSK; k++) {
            float breg[WPTN];
            for (int wn = 0; wn < WPTN; wn++) {
                breg[wn] = Bsub[k][tidn + wn * RTSN];
            }
            for (int wm = 0; wm < WPTM; wm++) {
                const float a = Asub[k][tidm + wm * RTSM];
                for (int wn = 0; wn < WPTN; wn++) {
                    acc[wm][wn] = mad(a, breg[wn], acc[wm][wn]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    for (int wm = 0; wm < WPTM; wm++) {
        const int m = offM + tidm + wm * RTSM;
        if (m >= M) continue;
        for (int wn = 0; wn < WPTN; wn++) {
            const int n = offN + tidn + wn * RTSN;
            if (n < N) {
                const size_t at = (size_t) m * N + n;
                C[at] = beta == 0.0f ? acc[wm][wn] : acc[wm][wn] + beta * C[at];
            }
        }
    }
}

// The variant for CPU devices (PoCL and the like), where caches stand in for local memory and a barrier
// would spill every work-item's accumulators: each work-item keeps a WPTM x VW block of C in WPTM vector
// registers and streams two contiguous panels, A packed WPTM and B packed VW columns wide, one VW-wide
// load of B and WPTM broadcasts of A per step of k. Contiguous panels keep the hardware prefetcher busy
// and avoid the cache-set conflicts of walking a k-major matrix with a power-of-two row length;
// neighbouring work-items share the same A panel, so it stays in cache.
#if defined(VW)
#define FLOATV CAT(float, VW)
#define VLOAD CAT(vload, VW)
#define VSTORE CAT(vstore, VW)
#define CAT(a, b) CAT_(a, b)
#define CAT_(a, b) a##b

__kernel void sgemm_blocked(const int Mp, const int Np, const int Kp, const int M, const int N,
                            __global const float* A, const int aBatchStride,
                            __global const float* B, const int bBatchStride,
                            __global float* C, const int cOffset, const float beta) {
    const int n0 = get_global_id(0) * VW;
    const int m0 = get_global_id(1) * WPTM;
    const int batch = get_global_id(2);
    if (n0 >= Np || m0 >= Mp) return; // the range is rounded up to whole work-groups
    A += (size_t) batch * aBatchStride + (size_t) m0 * Kp;
    B += (size_t) batch * bBatchStride + (size_t) n0 * Kp;
    C += cOffset + (size_t) batch * M * N;

    FLOATV acc[WPTM];
    #pragma unroll
    for (int i = 0; i < WPTM; i++) {
        acc[i] = (FLOATV) 0.0f;
    }
    for (int k = 0; k < Kp; k++) {
        const FLOATV b = VLOAD(k, B);
        __global const float* a = A + (size_t) k * WPTM;
        #pragma unroll
        for (int i = 0; i < WPTM; i++) {
            acc[i] = mad((FLOATV) a[i], b, acc[i]);
        }
    }
    #pragma unroll
    for (int i = 0; i < WPTM; i++) {
        const int m = m0 + i;
        if (m >= M) break;
        __global float* row = C + (size_t) m * N + n0;
        if (n0 + VW <= N && beta == 0.0f) {
            VSTORE(acc[i], 0, row);
        } else {
            float lanes[VW];
            VSTORE(acc[i], 0, lanes);
            for (int j = 0; j < VW && n0 + j < N; j++) {
                row[j] = beta == 0.0f ? lanes[j] : lanes[j] + beta * row[j];
            }
        }
    }
}
#endif
