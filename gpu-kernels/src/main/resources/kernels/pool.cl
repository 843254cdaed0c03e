// 2-D pooling over NCHW. Backward passes are gathers: each input cell visits the windows that cover it,
// in the order the CPU backend accumulates them, so no atomics are needed and results are deterministic.

#define POOL_GEOMETRY const int H, const int W, const int KH, const int KW, const int SH, const int SW, \
                      const int PH, const int PW, const int OH, const int OW

// The flat input index of the first maximum of window (nc, oh, ow), or -1 when it has none.
inline int window_argmax(__global const float* x, int nc, int oh, int ow, POOL_GEOMETRY) {
    float best = -INFINITY;
    int at = -1;
    for (int kh = 0; kh < KH; kh++) {
        const int ih = oh * SH - PH + kh;
        if (ih < 0 || ih >= H) continue;
        for (int kw = 0; kw < KW; kw++) {
            const int iw = ow * SW - PW + kw;
            if (iw < 0 || iw >= W) continue;
            const int ii = (nc * H + ih) * W + iw;
            if (x[ii] > best) {
                best = x[ii];
                at = ii;
            }
        }
    }
    return at;
}

__kernel void max_pool_forward(__global const float* x, __global float* y, POOL_GEOMETRY, const int total) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int ow = g % OW;
    const int oh = (g / OW) % OH;
    const int nc = g / (OW * OH);
    const int at = window_argmax(x, nc, oh, ow, H, W, KH, KW, SH, SW, PH, PW, OH, OW);
    y[g] = at < 0 ? -INFINITY : x[at];
}

// The windows whose rows cover input row `i`: o*S - P <= i < o*S - P + K.
inline int first_window(int i, int K, int S, int P) {
    const int t = i + P - K + 1;
    return t <= 0 ? 0 : (t + S - 1) / S;
}

__kernel void max_pool_backward(__global const float* x, __global const float* dy, __global float* dx,
                                POOL_GEOMETRY, const int total) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int iw = g % W;
    const int ih = (g / W) % H;
    const int nc = g / (W * H);
    float sum = 0.0f;
    const int ohEnd = min(OH - 1, (ih + PH) / SH);
    const int owEnd = min(OW - 1, (iw + PW) / SW);
    for (int oh = first_window(ih, KH, SH, PH); oh <= ohEnd; oh++) {
        for (int ow = first_window(iw, KW, SW, PW); ow <= owEnd; ow++) {
            if (window_argmax(x, nc, oh, ow, H, W, KH, KW, SH, SW, PH, PW, OH, OW) == g) {
                sum += dy[(nc * OH + oh) * OW + ow];
            }
        }
    }
    dx[g] = sum;
}

__kernel void avg_pool_forward(__global const float* x, __global float* y, POOL_GEOMETRY, const int total) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int ow = g % OW;
    const int oh = (g / OW) % OH;
    const int nc = g / (OW * OH);
    float sum = 0.0f;
    for (int kh = 0; kh < KH; kh++) {
        const int ih = oh * SH - PH + kh;
        if (ih < 0 || ih >= H) continue;
        for (int kw = 0; kw < KW; kw++) {
            const int iw = ow * SW - PW + kw;
            if (iw >= 0 && iw < W) {
                sum += x[(nc * H + ih) * W + iw];
            }
        }
    }
    y[g] = sum / (float) (KH * KW);
}

__kernel void avg_pool_backward(__global const float* dy, __global float* dx, POOL_GEOMETRY, const int total) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int iw = g % W;
    const int ih = (g / W) % H;
    const int nc = g / (W * H);
    const float area = (float) (KH * KW);
    float sum = 0.0f;
    const int ohEnd = min(OH - 1, (ih + PH) / SH);
    const int owEnd = min(OW - 1, (iw + PW) / SW);
    for (int oh = first_window(ih, KH, SH, PH); oh <= ohEnd; oh++) {
        for (int ow = first_window(iw, KW, SW, PW); ow <= owEnd; ow++) {
            sum += dy[(nc * OH + oh) * OW + ow] / area;
        }
    }
    dx[g] = sum;
}
