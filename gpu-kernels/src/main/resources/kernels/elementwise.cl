// Elementwise kernels. The host instantiates UNARY_OP and BINARY_OP once per operator, each with the
// operator's expression (over `v` and `p`, or over `a` and `b`), so every op shares this one template.

#define UNARY_OP(NAME, EXPR)                                                                         \
__kernel void unary_##NAME(__global const float* x, __global float* out, const float p, const int n) { \
    const int i = get_global_id(0);                                                                  \
    if (i < n) {                                                                                     \
        const float v = x[i];                                                                        \
        out[i] = (EXPR);                                                                             \
    }                                                                                                \
}

#define BINARY_OP(NAME, EXPR)                                                                    \
__kernel void binary_##NAME(__global const float* A, __global const float* B, __global float* out, \
                            const int n, const int inner, const int rank, const int8 dims,          \
                            const int8 sa, const int8 sb) {                                         \
    BCAST_POSITION(n, inner, rank)                                                                  \
    const float a = A[bcast_offset(row, col, dims, sa, rank)];                                     \
    const float b = B[bcast_offset(row, col, dims, sb, rank)];                                     \
    out[i] = (EXPR);                                                                                \
}

inline float stable_sigmoid(float x) {
    if (x >= 0.0f) {
        return 1.0f / (1.0f + exp(-x));
    }
    const float e = exp(x);
    return e / (1.0f + e);
}

__kernel void where_select(__global const float* C, __global const float* A, __global const float* B,
                           __global float* out, const int n, const int inner, const int rank, const int8 dims,
                           const int8 sc, const int8 sa, const int8 sb) {
    BCAST_POSITION(n, inner, rank)
    out[i] = C[bcast_offset(row, col, dims, sc, rank)] != 0.0f ? A[bcast_offset(row, col, dims, sa, rank)]
                                                                 : B[bcast_offset(row, col, dims, sb, rank)];
}

__kernel void clamp_range(__global const float* x, __global float* out, const int n, const float lo, const float hi) {
    const int i = get_global_id(0);
    if (i < n) {
        out[i] = java_min(java_max(x[i], lo), hi);
    }
}
