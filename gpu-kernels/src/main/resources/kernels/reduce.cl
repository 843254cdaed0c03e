// Reductions over [outer, axis, inner] views. A long axis may be split into `chunks` pieces that are
// reduced into [outer, chunks, inner] partials and then reduced again by the host: the order of
// accumulation is fixed, so results do not depend on the device.

#define REDUCE_OP(NAME, INIT, STEP)                                                                  \
__kernel void reduce_##NAME(__global const float* x, __global float* out, const int axis,           \
                            const int inner, const int chunks, const int outputs) {                  \
    const int j = get_global_id(0);                                                                  \
    if (j >= outputs) return;                                                                        \
    const int i = j % inner;                                                                         \
    const int oc = j / inner;                                                                        \
    const int c = oc % chunks;                                                                       \
    const int o = oc / chunks;                                                                       \
    const int per = (axis + chunks - 1) / chunks;                                                    \
    const int from = c * per;                                                                        \
    const int to = min(axis, from + per);                                                            \
    __global const float* p = x + (size_t) o * axis * inner + i;                                    \
    float acc = INIT;                                                                                \
    float comp = 0.0f;                                                                               \
    for (int k = from; k < to; k++) {                                                                \
        const float v = p[(size_t) k * inner];                                                       \
        STEP;                                                                                        \
    }                                                                                                \
    out[j] = acc;                                                                                    \
}

// Kahan-compensated: float32 sums of long rows stay close to the CPU backend's double accumulation.
REDUCE_OP(SUM, 0.0f, { const float y = v - comp; const float t = acc + y; comp = (t - acc) - y; acc = t; })
REDUCE_OP(MAX, -INFINITY, acc = java_max(acc, v))
REDUCE_OP(MIN, INFINITY, acc = java_min(acc, v))

// The index of the first maximum; a NaN counts as the maximum, as in the CPU backend.
__kernel void reduce_ARGMAX(__global const float* x, __global float* out, const int axis, const int inner,
                            const int chunks, const int outputs) {
    const int j = get_global_id(0);
    if (j >= outputs) return;
    const int o = j / inner;
    const int i = j - o * inner;
    __global const float* p = x + (size_t) o * axis * inner + i;
    int best = 0;
    float m = p[0];
    for (int k = 1; k < axis; k++) {
        const float v = p[(size_t) k * inner];
        if (v > m || (isnan(v) && !isnan(m))) {
            m = v;
            best = k;
        }
    }
    out[j] = (float) best;
}

// Softmax or log-softmax along the middle axis, one work-item per row, shifted by the row's maximum.
__kernel void softmax_rows(__global const float* x, __global float* out, const int axis, const int inner,
                           const int rows, const int logarithm) {
    const int j = get_global_id(0);
    if (j >= rows) return;
    const int o = j / inner;
    const size_t start = (size_t) o * axis * inner + (j - o * inner);
    float m = -INFINITY;
    for (int k = 0; k < axis; k++) {
        m = max(m, x[start + (size_t) k * inner]);
    }
    float sum = 0.0f;
    float comp = 0.0f;
    for (int k = 0; k < axis; k++) {
        const float y = exp(x[start + (size_t) k * inner] - m) - comp;
        const float t = sum + y;
        comp = (t - sum) - y;
        sum = t;
    }
    if (logarithm) {
        const float logSum = log(sum);
        for (int k = 0; k < axis; k++) {
            const size_t p = start + (size_t) k * inner;
            out[p] = x[p] - m - logSum;
        }
    } else {
        const float inv = 1.0f / sum;
        for (int k = 0; k < axis; k++) {
            const size_t p = start + (size_t) k * inner;
            out[p] = exp(x[p] - m) * inv;
        }
    }
}
