// Shared helpers, prepended to every program.
//
// Broadcast plans come as up to eight merged dimensions, outermost first, padded at the front with
// extent 1 and stride 0; `i` is a flat output index and the result is the operand's element offset.
#define BCAST_STEP(c) { int q = i / dims.c; off += (i - q * dims.c) * strides.c; i = q; }

inline int bcast_offset(int i, const int8 dims, const int8 strides) {
    int off = 0;
    BCAST_STEP(s7) BCAST_STEP(s6) BCAST_STEP(s5) BCAST_STEP(s4)
    BCAST_STEP(s3) BCAST_STEP(s2) BCAST_STEP(s1) BCAST_STEP(s0)
    return off;
}

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
