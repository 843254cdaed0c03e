// Convolution as im2col + GEMM. col[n][(c*KH + kh)*KW + kw][oh*OW + ow] holds the input pixel that
// weight (c, kh, kw) meets at output (oh, ow), zero in the padding; col2im is its adjoint, written as a
// gather (each input pixel sums its own contributions in a fixed order) so no atomics are needed.

// Both kernels run over a 3-D range, the two pixel coordinates along x and y and the remaining index
// along z, so a work-item divides only its z index (uniform across its work-group).

__kernel void im2col(__global const float* x, __global float* col, const int C, const int H, const int W,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int OH, const int OW) {
    const int ow = get_global_id(0);
    const int oh = get_global_id(1);
    const int r = get_global_id(2); // ((n*C + c)*KH + kh)*KW + kw
    if (ow >= OW || oh >= OH) return;
    const int kw = r % KW;
    const int kh = (r / KW) % KH;
    const int nc = r / (KW * KH);
    const int ih = oh * SH - PH + kh;
    const int iw = ow * SW - PW + kw;
    col[(size_t) r * OH * OW + oh * OW + ow] =
            (ih >= 0 && ih < H && iw >= 0 && iw < W) ? x[((size_t) nc * H + ih) * W + iw] : 0.0f;
}

__kernel void col2im(__global const float* col, __global float* dx, const int C, const int H, const int W,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int OH, const int OW) {
    const int iw = get_global_id(0);
    const int ih = get_global_id(1);
    const int nc = get_global_id(2); // n*C + c
    if (iw >= W || ih >= H) return;
    float sum = 0.0f;
    for (int kh = 0; kh < KH; kh++) {
        const int th = ih + PH - kh;
        if (th < 0 || th % SH != 0 || th / SH >= OH) continue;
        const int oh = th / SH;
        for (int kw = 0; kw < KW; kw++) {
            const int tw = iw + PW - kw;
            if (tw < 0 || tw % SW != 0 || tw / SW >= OW) continue;
            const int ow = tw / SW;
            sum += col[(((size_t) nc * KH + kh) * KW + kw) * OH * OW + oh * OW + ow];
        }
    }
    dx[((size_t) nc * H + ih) * W + iw] = sum;
}
