// Gather, scatter-add and strided copies. Indices arrive as floats holding whole numbers; an index out
// of range is reported through `error` (see report_bad_index) and its element is skipped.

__kernel void gather_axis(__global const float* x, __global const float* index, __global float* out,
                          const int axisIn, const int axisOut, const int inner, const int total,
                          __global int* error) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int i = g % inner;
    const int oj = g / inner;
    const int o = oj / axisOut;
    const float value = index[oj];
    const int k = (int) value;
    if (k != value || k < 0 || k >= axisIn) {
        report_bad_index(error, value, axisIn);
        out[g] = 0.0f;
        return;
    }
    out[g] = x[((size_t) o * axisIn + k) * inner + i];
}

// One work-item per (o, i) walks j in order, so each output cell is updated by one work-item only.
__kernel void scatter_add_axis(__global const float* src, __global const float* index, __global float* out,
                               const int axisSrc, const int axisOut, const int inner, const int total,
                               __global int* error) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int i = g % inner;
    const int o = g / inner;
    for (int j = 0; j < axisSrc; j++) {
        const float value = index[o * axisSrc + j];
        const int k = (int) value;
        if (k != value || k < 0 || k >= axisOut) {
            report_bad_index(error, value, axisOut);
            continue;
        }
        out[((size_t) o * axisOut + k) * inner + i] += src[((size_t) o * axisSrc + j) * inner + i];
    }
}

__kernel void copy_strided(__global const float* src, const int srcOffset, __global float* dst,
                           const int dstOffset, const int n, const int inner, const int rank, const int8 dims,
                           const int8 srcStrides, const int8 dstStrides) {
    BCAST_POSITION(n, inner, rank)
    dst[dstOffset + bcast_offset(row, col, dims, dstStrides, rank)] =
            src[srcOffset + bcast_offset(row, col, dims, srcStrides, rank)];
}
