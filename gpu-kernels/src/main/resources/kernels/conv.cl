// Convolution as im2col + GEMM. col[n][(c*KH + kh)*KW + kw][oh*OW + ow] holds the input pixel that
// weight (c, kh, kw) meets at output (oh, ow), zero in the padding; col2im is its adjoint, written as a
// gather (each input pixel sums its own contributions in a fixed order) so no atomics are needed.

__kernel void im2col(__global const float* x, __global float* col, const int C, const int H, const int W,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int OH, const int OW, const int total) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int ow = g % OW;
    int r = g / OW;
    const int oh = r % OH;
    r /= OH;
    const int kw = r % KW;
    r /= KW;
    const int kh = r % KH;
    r /= KH;
    const int c = r % C;
    const int n = r / C;
    const int ih = oh * SH - PH + kh;
    const int iw = ow * SW - PW + kw;
    col[g] = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? x[(((size_t) n * C + c) * H + ih) * W + iw] : 0.0f;
}

__kernel void col2im(__global const float* col, __global float* dx, const int C, const int H, const int W,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int OH, const int OW, const int total) {
    const int g = get_global_id(0);
    if (g >= total) return;
    const int iw = g % W;
    int r = g / W;
    const int ih = r % H;
    r /= H;
    const int c = r % C;
    const int n = r / C;
    float sum = 0.0f;
    for (int kh = 0; kh < KH; kh++) {
        const int th = ih + PH - kh;
        if (th < 0 || th % SH != 0 || th / SH >= OH) continue;
        const int oh = th / SH;
        for (int kw = 0; kw < KW; kw++) {
            const int tw = iw + PW - kw;
            if (tw < 0 || tw % SW != 0 || tw / SW >= OW) continue;
            const int ow = tw / SW;
            sum += col[((((size_t) n * C + c) * KH + kh) * KW + kw) * OH * OW + oh * OW + ow];
        }
    }
    dx[g] = sum;
}
