// Shared helpers, prepended to every program.
//
// Broadcast plans come as up to eight merged dimensions, outermost first, padded at the front with
// extent 1 and stride 0; `rank` says how many are real. A work-item splits its flat index into a row and
// a column of the innermost dimension (no division at rank 1, the same-shape case), then each dimension
// beyond the second costs one division. A 1-D range keeps PoCL to one compiled work-group shape per kernel.
#define BCAST_STEP(c) { const int q = i / dims.c; off += (i - q * dims.c) * strides.c; i = q; }

inline int bcast_offset(int row, int col, const int8 dims, const int8 strides, const int rank) {
    int off = col * strides.s7;
    int i = row;
    if (rank <= 2) return off + i * strides.s6;
    BCAST_STEP(s6) if (rank == 3) return off + i * strides.s5;
    BCAST_STEP(s5) if (rank == 4) return off + i * strides.s4;
    BCAST_STEP(s4) if (rank == 5) return off + i * strides.s3;
    BCAST_STEP(s3) if (rank == 6) return off + i * strides.s2;
    BCAST_STEP(s2) if (rank == 7) return off + i * strides.s1;
    BCAST_STEP(s1) return off + i * strides.s0;
}

// This work-item's flat output index i, and its row and column; returns past the last element.
#define BCAST_POSITION(n, inner, rank) const int i = get_global_id(0); if (i >= n) return; \
                                       const int row = rank <= 1 ? 0 : i / inner; const int col = i - row * inner;

// Java's Math.max / Math.min: NaN wins, unlike fmax / fmin.
inline float java_max(float a, float b) { return isnan(a) || isnan(b) ? a + b : (a >= b ? a : b); }
inline float java_min(float a, float b) { return isnan(a) || isnan(b) ? a + b : (a <= b ? a : b); }

// Records the first out-of-range index for the host to report: {flag, value, bound}.
inline void report_bad_index(__global int* error, float value, int bound) {
    if (atomic_cmpxchg(error, 0, 1) == 0) {
        error[1] = (int) value;
        error[2] = bound;
    }
}
