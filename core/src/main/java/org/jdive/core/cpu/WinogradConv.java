package org.jdive.core.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.jdive.core.backend.ConvSpec;

/**
 * 3×3 stride-1 convolutions by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray 2016): each 2×2 block of
 * outputs ("tile") is {@code Aᵀ [Σ_c (G g_{o,c} Gᵀ) ⊙ (Bᵀ d_{c,tile} B)] A} for the 4×4 input patch {@code d} under
 * it, so the multiply-adds become sixteen GEMMs, one per element ξ of the 4×4 transformed tile:
 * {@code M_ξ[o, tile] = Σ_c U_ξ[o, c] · V_ξ[c, tile]}, 16 multiply-adds per tile and channel pair instead of 36.
 *
 * <p>Layout: a group of images is first copied, zero-padded, into {@code [c][row][col][lane]} so that the transforms
 * run with the images in the vector lanes (the same arithmetic for every image, whatever the map's width; lanes past
 * the group's last image hold zeros); a tile's column in the GEMMs is {@code tile·lanes + image}. Since a group
 * fills whole vectors, small batches waste lanes, and {@link #applies} leaves them to im2col. The transforms are elementwise and the GEMMs are
 * {@link Sgemm}'s, so results do not depend on the thread count. Backward-data of a 3×3 stride-1 convolution is the
 * forward convolution of {@code dy} by the flipped, transposed kernel with padding {@code 2 − pad}, and takes this
 * path too; backward-weights is the forward pass's adjoint (see {@link #backwardWeights}).
 */
final class WinogradConv {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** {@code -Djdive.winograd=false} keeps every convolution on im2col, to measure the choice. */
    private static final boolean ENABLED = !"false".equals(System.getProperty("jdive.winograd"));
    /** Fewer channels than this on either side leave too few multiply-adds to pay for the transforms. */
    static final int MIN_CHANNELS = 32;
    /**
     * The least ratio of im2col's multiply-adds to this path's: the tiles cover an odd map with a border of waste (a
     * 3×3 map takes four tiles, 64 products per channel pair against 81), which the transforms must still pay for.
     */
    private static final double MIN_SAVING = 1.6;
    /** The most floats of one group's transformed inputs or outputs (16 MiB). */
    private static final long GROUP_FLOATS = 1L << 22;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private WinogradConv() {
    }

    /**
     * Whether {@code s}'s forward pass takes this path: a 3×3 kernel, stride 1, padding at most 1, enough channels and
     * a map whose tiles waste little, and at least a vector's worth of images.
     */
    static boolean applies(ConvSpec s) {
        return ENABLED && s.batch() >= F.length() && s.kernelHeight() == 3 && s.kernelWidth() == 3 && s.strideHeight() == 1 && s.strideWidth() == 1
                && s.padHeight() <= 1 && s.padWidth() <= 1 && pays(s.inChannels(), s.outChannels(), s.outHeight(), s.outWidth());
    }

    /** Whether {@code s}'s backward-data takes this path: the forward convolution it amounts to would. */
    static boolean appliesToBackwardData(ConvSpec s) {
        return applies(s) && pays(s.outChannels(), s.inChannels(), s.inHeight(), s.inWidth());
    }

    private static boolean pays(int in, int out, int height, int width) {
        long tiles = (long) Math.ceilDiv(height, 2) * Math.ceilDiv(width, 2);
        return in >= MIN_CHANNELS && out >= MIN_CHANNELS && 9.0 * height * width >= MIN_SAVING * 16 * tiles;
    }

    /** Computes {@code y = conv2d(x, w) + bias} ({@code bias}: one per output channel, or null); {@code y} is overwritten. */
    static void forward(ConvSpec s, float[] x, float[] w, float[] bias, float[] y) {
        forward(s, x, w, bias, y, 0);
    }

    /** {@link #forward} with the images taken {@code group} at a time (0: as many as fit the scratch budget). */
    static void forward(ConvSpec s, float[] x, float[] w, float[] bias, float[] y, int group) {
        Plan p = new Plan(s.batch(), s.inChannels(), s.inHeight(), s.inWidth(), s.outChannels(), s.padHeight(),
                s.padWidth(), s.outHeight(), s.outWidth(), group);
        p.run(x, transformWeights(w, s.outChannels(), s.inChannels(), false), bias, y);
    }

    /** Computes {@code dx = conv2dᵀ(dy, w)}, overwriting {@code dx}. */
    static void backwardData(ConvSpec s, float[] dy, float[] w, float[] dx) {
        Plan p = new Plan(s.batch(), s.outChannels(), s.outHeight(), s.outWidth(), s.inChannels(), 2 - s.padHeight(),
                2 - s.padWidth(), s.inHeight(), s.inWidth(), 0);
        p.run(dy, transformWeights(w, s.outChannels(), s.inChannels(), true), null, dx);
    }

    /**
     * Computes the weight gradient of {@link #forward}, summed over the batch, overwriting {@code dw}. It is the
     * adjoint of the forward pass: {@code dU_ξ[o, c] = Σ_tiles (A dY Aᵀ)_ξ[o, tile] · V_ξ[c, tile]} (sixteen GEMMs over
     * the tiles) and {@code dg = Gᵀ dU G}.
     */
    static void backwardWeights(ConvSpec s, float[] x, float[] dy, float[] dw) {
        backwardWeights(s, x, dy, dw, 0);
    }

    /** {@link #backwardWeights} with the images taken {@code group} at a time (0: as many as fit the scratch budget). */
    static void backwardWeights(ConvSpec s, float[] x, float[] dy, float[] dw, int group) {
        Plan p = new Plan(s.batch(), s.inChannels(), s.inHeight(), s.inWidth(), s.outChannels(), s.padHeight(),
                s.padWidth(), s.outHeight(), s.outWidth(), group);
        float[] du = new float[16 * s.outChannels() * s.inChannels()];
        p.weightGradient(x, dy, du);
        untransformWeightGradient(du, s.outChannels(), s.inChannels(), dw);
    }

    /** {@code dw[o, c] = Gᵀ dU[·][o, c] G}, the 3×3 gradient of a kernel from that of its 4×4 transform. */
    private static void untransformWeightGradient(float[] du, int out, int in, float[] dw) {
        int plane = out * in;
        Parallel.forRange(out, Math.max(1, CpuElementwise.PARALLEL_GRAIN / (16 * in)), (from, to) -> {
            float[] t = new float[12];
            for (int o = from; o < to; o++) {
                for (int c = 0; c < in; c++) {
                    int cell = o * in + c;
                    for (int j = 0; j < 4; j++) { // Gᵀ D: rows D0 + (D1 + D2)/2, (D1 - D2)/2, (D1 + D2)/2 + D3
                        float d0 = du[j * plane + cell];
                        float d1 = du[(4 + j) * plane + cell];
                        float d2 = du[(8 + j) * plane + cell];
                        float d3 = du[(12 + j) * plane + cell];
                        t[j] = d0 + 0.5f * (d1 + d2);
                        t[4 + j] = 0.5f * (d1 - d2);
                        t[8 + j] = 0.5f * (d1 + d2) + d3;
                    }
                    int at = cell * 9;
                    for (int i = 0; i < 3; i++) { // (Gᵀ D) G, row by row
                        float a = t[4 * i];
                        float b = t[4 * i + 1];
                        float c2 = t[4 * i + 2];
                        float d = t[4 * i + 3];
                        dw[at + 3 * i] = a + 0.5f * (b + c2);
                        dw[at + 3 * i + 1] = 0.5f * (b - c2);
                        dw[at + 3 * i + 2] = 0.5f * (b + c2) + d;
                    }
                }
            }
        });
    }

    /**
     * {@code U_ξ = G g Gᵀ} for every kernel {@code g} of {@code w} [out][in][3][3], as {@code [16][rows][cols]}: rows
     * the output channels and columns the input channels, or with {@code transposeFlip} the kernels flipped and the
     * roles swapped ({@code rows = in}, for backward-data).
     */
    static float[] transformWeights(float[] w, int out, int in, boolean transposeFlip) {
        int rows = transposeFlip ? in : out;
        int cols = transposeFlip ? out : in;
        int plane = rows * cols;
        float[] u = new float[16 * plane];
        Parallel.forRange(out, Math.max(1, CpuElementwise.PARALLEL_GRAIN / (16 * in)), (from, to) -> {
            float[] g = new float[9];
            float[] t = new float[12];
            for (int o = from; o < to; o++) {
                for (int c = 0; c < in; c++) {
                    int at = (o * in + c) * 9;
                    for (int k = 0; k < 9; k++) {
                        g[k] = w[at + (transposeFlip ? 8 - k : k)];
                    }
                    for (int j = 0; j < 3; j++) { // G g: rows g0, (g0+g1+g2)/2, (g0-g1+g2)/2, g2 of each column
                        float g0 = g[j];
                        float g1 = g[3 + j];
                        float g2 = g[6 + j];
                        t[j] = g0;
                        t[3 + j] = 0.5f * (g0 + g1 + g2);
                        t[6 + j] = 0.5f * (g0 - g1 + g2);
                        t[9 + j] = g2;
                    }
                    int cell = transposeFlip ? c * cols + o : o * cols + c;
                    for (int i = 0; i < 4; i++) { // (G g) Gᵀ, row by row
                        float t0 = t[3 * i];
                        float t1 = t[3 * i + 1];
                        float t2 = t[3 * i + 2];
                        u[(4 * i) * plane + cell] = t0;
                        u[(4 * i + 1) * plane + cell] = 0.5f * (t0 + t1 + t2);
                        u[(4 * i + 2) * plane + cell] = 0.5f * (t0 - t1 + t2);
                        u[(4 * i + 3) * plane + cell] = t2;
                    }
                }
            }
        });
        return u;
    }

    /** One convolution's sizes in the terms of the forward pass it runs, and its group of images. */
    private static final class Plan {
        final int batch;
        final int in;
        final int height;
        final int width;
        final int out;
        final int padH;
        final int padW;
        final int outH;
        final int outW;
        final int tilesH;
        final int tilesW;
        /** Rows and columns of the padded, tile-aligned input: {@code 2·tiles + 2}. */
        final int rowsP;
        final int colsP;
        final int group;

        Plan(int batch, int in, int height, int width, int out, int padH, int padW, int outH, int outW, int group) {
            this.batch = batch;
            this.in = in;
            this.height = height;
            this.width = width;
            this.out = out;
            this.padH = padH;
            this.padW = padW;
            this.outH = outH;
            this.outW = outW;
            tilesH = Math.ceilDiv(outH, 2);
            tilesW = Math.ceilDiv(outW, 2);
            rowsP = 2 * tilesH + 2;
            colsP = 2 * tilesW + 2;
            long perImage = 16L * Math.max(in, out) * tilesH * tilesW;
            int fitting = (int) Math.max(1, GROUP_FLOATS / perImage);
            int lanesFilled = fitting >= F.length() ? fitting / F.length() * F.length() : fitting;
            this.group = Math.min(batch, group > 0 ? group : lanesFilled);
        }

        void run(float[] x, float[] u, float[] bias, float[] y) {
            Scratch scratch = SCRATCH.get();
            for (int n0 = 0; n0 < batch; n0 += group) {
                int g = Math.min(group, batch - n0);
                int lanes = F.loopBound(g + F.length() - 1); // g rounded up to whole vectors; the rest stay zero
                int tiles = tilesH * tilesW * lanes;
                float[] padded = scratch.padded(in * rowsP * colsP * lanes);
                float[] v = scratch.transformedInputs(16 * in * tiles);
                float[] m = scratch.transformedOutputs(16 * out * tiles);
                int first = n0;
                Parallel.forRange(in, grain(rowsP * colsP * lanes), (from, to) -> {
                    for (int c = from; c < to; c++) {
                        pad(x, first, g, lanes, c, padded);
                        transformInput(padded, lanes, c, tiles, v);
                    }
                });
                for (int xi = 0; xi < 16; xi++) {
                    Sgemm.multiply(false, false, out, tiles, in, u, xi * out * in, in, v, xi * in * tiles, tiles,
                            0f, m, xi * out * tiles, tiles);
                }
                Parallel.forRange(out, grain(4 * tiles), (from, to) -> {
                    float[] rows = SCRATCH.get().outputRows(2 * 2 * tilesW * lanes);
                    for (int o = from; o < to; o++) {
                        transformOutput(m, g, lanes, o, tiles, bias == null ? 0f : bias[o], rows, y, first);
                    }
                });
            }
        }

        /**
         * Adds up {@code du_ξ[o, c] = Σ_tiles (A dY Aᵀ)_ξ[o, tile] · V_ξ[c, tile]} over the batch into {@code du}
         * ({@code [16][out][in]}), group after group.
         */
        void weightGradient(float[] x, float[] dy, float[] du) {
            Scratch scratch = SCRATCH.get();
            for (int n0 = 0; n0 < batch; n0 += group) {
                int g = Math.min(group, batch - n0);
                int lanes = F.loopBound(g + F.length() - 1);
                int tiles = tilesH * tilesW * lanes;
                float[] padded = scratch.padded(Math.max(in * rowsP * colsP, out * 4 * tilesH * tilesW) * lanes);
                float[] v = scratch.transformedInputs(16 * in * tiles);
                float[] m = scratch.transformedOutputs(16 * out * tiles);
                int first = n0;
                Parallel.forRange(in, grain(rowsP * colsP * lanes), (from, to) -> {
                    for (int c = from; c < to; c++) {
                        pad(x, first, g, lanes, c, padded);
                        transformInput(padded, lanes, c, tiles, v);
                    }
                });
                Parallel.forRange(out, grain(4 * tiles), (from, to) -> {
                    for (int o = from; o < to; o++) {
                        transformOutputGradient(dy, first, g, lanes, o, tiles, padded, m);
                    }
                });
                float beta = n0 == 0 ? 0f : 1f;
                for (int xi = 0; xi < 16; xi++) {
                    Sgemm.multiply(false, true, out, in, tiles, m, xi * out * tiles, tiles, v, xi * in * tiles, tiles,
                            beta, du, xi * out * in, in);
                }
            }
        }

        /**
         * {@code Ŷ_ξ[o, tile·lanes + i] = (A e Aᵀ)_ξ} for each 2×2 tile {@code e} of output channel {@code o}'s
         * gradient (zeros past the map), through {@code staging}'s part for {@code o} as {@code [row][col][lane]}.
         */
        private void transformOutputGradient(float[] dy, int n0, int g, int lanes, int o, int tiles, float[] staging,
                                             float[] m) {
            int colsT = 2 * tilesW;
            int base = o * 2 * tilesH * colsT * lanes;
            Arrays.fill(staging, base, base + 2 * tilesH * colsT * lanes, 0f);
            for (int i = 0; i < g; i++) {
                int src = ((n0 + i) * out + o) * outH * outW;
                for (int r = 0; r < outH; r++) {
                    int to = base + r * colsT * lanes + i;
                    for (int col = 0; col < outW; col++, to += lanes) {
                        staging[to] = dy[src + r * outW + col];
                    }
                }
            }
            int plane = out * tiles;
            int row = colsT * lanes;
            for (int th = 0; th < tilesH; th++) {
                for (int tw = 0; tw < tilesW; tw++) {
                    int corner = base + (2 * th * colsT + 2 * tw) * lanes;
                    int at = o * tiles + (th * tilesW + tw) * lanes;
                    for (int i = 0; i < lanes; i += F.length()) {
                        int p = corner + i;
                        FloatVector e00 = load(staging, p), e01 = load(staging, p + lanes);
                        FloatVector e10 = load(staging, p + row), e11 = load(staging, p + row + lanes);
                        // A e: rows e0, e0 + e1, e0 - e1, -e1; then each row [p, q] becomes [p, p + q, p - q, -q]
                        FloatVector s0 = e00.add(e10), s1 = e01.add(e11), d0 = e00.sub(e10), d1 = e01.sub(e11);
                        int q = at + i;
                        storeRow(m, q, plane, 0, e00, e01);
                        storeRow(m, q, plane, 1, s0, s1);
                        storeRow(m, q, plane, 2, d0, d1);
                        storeRow(m, q, plane, 3, e10.neg(), e11.neg());
                    }
                }
            }
        }

        /** Row {@code r} of a transformed 4×4 tile from the 2-vector {@code [a, b]}: {@code [a, a + b, a − b, −b]}. */
        private static void storeRow(float[] m, int q, int plane, int r, FloatVector a, FloatVector b) {
            a.intoArray(m, q + (4 * r) * plane);
            a.add(b).intoArray(m, q + (4 * r + 1) * plane);
            a.sub(b).intoArray(m, q + (4 * r + 2) * plane);
            b.neg().intoArray(m, q + (4 * r + 3) * plane);
        }

        private static int grain(int floatsPerChannel) {
            return Math.max(1, CpuElementwise.PARALLEL_GRAIN / Math.max(1, floatsPerChannel));
        }

        /**
         * Copies channel {@code c} of the {@code g} images from {@code n0} into {@code padded} as
         * {@code [row][col][lane]}, zeros around them and in the lanes past {@code g}.
         */
        private void pad(float[] x, int n0, int g, int lanes, int c, float[] padded) {
            int plane = rowsP * colsP * lanes;
            int base = c * plane;
            Arrays.fill(padded, base, base + plane, 0f);
            for (int i = 0; i < g; i++) {
                int src = ((n0 + i) * in + c) * height * width;
                for (int r = 0; r < height; r++) {
                    int to = base + ((r + padH) * colsP + padW) * lanes + i;
                    int from = src + r * width;
                    for (int col = 0; col < width; col++, to += lanes) {
                        padded[to] = x[from + col];
                    }
                }
            }
        }

        /** {@code V_ξ[c, tile·lanes + i] = (Bᵀ d B)_ξ} for every tile of channel {@code c}, the images in the lanes. */
        private void transformInput(float[] padded, int lanes, int c, int tiles, float[] v) {
            int base = c * rowsP * colsP * lanes;
            int row = colsP * lanes;
            int plane = in * tiles;
            for (int th = 0; th < tilesH; th++) {
                for (int tw = 0; tw < tilesW; tw++) {
                    int corner = base + (2 * th * colsP + 2 * tw) * lanes;
                    int at = c * tiles + (th * tilesW + tw) * lanes;
                    for (int i = 0; i < lanes; i += F.length()) {
                        int p = corner + i;
                        // d B, row by row: columns d0 - d2, d1 + d2, d2 - d1, d1 - d3
                        FloatVector a0 = load(padded, p), a1 = load(padded, p + lanes);
                        FloatVector a2 = load(padded, p + 2 * lanes), a3 = load(padded, p + 3 * lanes);
                        FloatVector r00 = a0.sub(a2), r01 = a1.add(a2), r02 = a2.sub(a1), r03 = a1.sub(a3);
                        p += row;
                        a0 = load(padded, p); a1 = load(padded, p + lanes);
                        a2 = load(padded, p + 2 * lanes); a3 = load(padded, p + 3 * lanes);
                        FloatVector r10 = a0.sub(a2), r11 = a1.add(a2), r12 = a2.sub(a1), r13 = a1.sub(a3);
                        p += row;
                        a0 = load(padded, p); a1 = load(padded, p + lanes);
                        a2 = load(padded, p + 2 * lanes); a3 = load(padded, p + 3 * lanes);
                        FloatVector r20 = a0.sub(a2), r21 = a1.add(a2), r22 = a2.sub(a1), r23 = a1.sub(a3);
                        p += row;
                        a0 = load(padded, p); a1 = load(padded, p + lanes);
                        a2 = load(padded, p + 2 * lanes); a3 = load(padded, p + 3 * lanes);
                        FloatVector r30 = a0.sub(a2), r31 = a1.add(a2), r32 = a2.sub(a1), r33 = a1.sub(a3);
                        // Bᵀ (d B): the same across the rows
                        int q = at + i;
                        r00.sub(r20).intoArray(v, q);
                        r01.sub(r21).intoArray(v, q + plane);
                        r02.sub(r22).intoArray(v, q + 2 * plane);
                        r03.sub(r23).intoArray(v, q + 3 * plane);
                        r10.add(r20).intoArray(v, q + 4 * plane);
                        r11.add(r21).intoArray(v, q + 5 * plane);
                        r12.add(r22).intoArray(v, q + 6 * plane);
                        r13.add(r23).intoArray(v, q + 7 * plane);
                        r20.sub(r10).intoArray(v, q + 8 * plane);
                        r21.sub(r11).intoArray(v, q + 9 * plane);
                        r22.sub(r12).intoArray(v, q + 10 * plane);
                        r23.sub(r13).intoArray(v, q + 11 * plane);
                        r10.sub(r30).intoArray(v, q + 12 * plane);
                        r11.sub(r31).intoArray(v, q + 13 * plane);
                        r12.sub(r32).intoArray(v, q + 14 * plane);
                        r13.sub(r33).intoArray(v, q + 15 * plane);
                    }
                }
            }
        }

        /**
         * {@code Aᵀ M A} plus the bias for every tile of output channel {@code o}, written to the {@code g} images'
         * planes of {@code y} (a tile's second row and column where they lie inside the map).
         */
        private void transformOutput(float[] m, int g, int lanes, int o, int tiles, float bias, float[] rows, float[] y,
                                     int n0) {
            int plane = out * tiles;
            int second = 2 * tilesW * lanes; // rows holds [2][2·tilesW][lanes]: one row of tiles
            for (int th = 0; th < tilesH; th++) {
                for (int tw = 0; tw < tilesW; tw++) {
                    int at = o * tiles + (th * tilesW + tw) * lanes;
                    for (int i = 0; i < lanes; i += F.length()) {
                        int q = at + i;
                        // M A, row by row: m0 + m1 + m2 and m1 - m2 - m3
                        FloatVector b0 = load(m, q), b1 = load(m, q + plane);
                        FloatVector b2 = load(m, q + 2 * plane), b3 = load(m, q + 3 * plane);
                        FloatVector s00 = b0.add(b1).add(b2), s01 = b1.sub(b2).sub(b3);
                        b0 = load(m, q + 4 * plane); b1 = load(m, q + 5 * plane);
                        b2 = load(m, q + 6 * plane); b3 = load(m, q + 7 * plane);
                        FloatVector s10 = b0.add(b1).add(b2), s11 = b1.sub(b2).sub(b3);
                        b0 = load(m, q + 8 * plane); b1 = load(m, q + 9 * plane);
                        b2 = load(m, q + 10 * plane); b3 = load(m, q + 11 * plane);
                        FloatVector s20 = b0.add(b1).add(b2), s21 = b1.sub(b2).sub(b3);
                        b0 = load(m, q + 12 * plane); b1 = load(m, q + 13 * plane);
                        b2 = load(m, q + 14 * plane); b3 = load(m, q + 15 * plane);
                        FloatVector s30 = b0.add(b1).add(b2), s31 = b1.sub(b2).sub(b3);
                        // Aᵀ (M A)
                        int cell = 2 * tw * lanes + i;
                        s00.add(s10).add(s20).add(bias).intoArray(rows, cell);
                        s01.add(s11).add(s21).add(bias).intoArray(rows, cell + lanes);
                        s10.sub(s20).sub(s30).add(bias).intoArray(rows, second + cell);
                        s11.sub(s21).sub(s31).add(bias).intoArray(rows, second + cell + lanes);
                    }
                }
                for (int a = 0; a < 2 && 2 * th + a < outH; a++) {
                    for (int i = 0; i < g; i++) {
                        int to = ((n0 + i) * out + o) * outH * outW + (2 * th + a) * outW;
                        int from = a * second + i;
                        for (int col = 0; col < outW; col++, from += lanes) {
                            y[to + col] = rows[from];
                        }
                    }
                }
            }
        }

        private static FloatVector load(float[] a, int at) {
            return FloatVector.fromArray(F, a, at);
        }
    }

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Scratch {
        private float[] padded = new float[0];
        private float[] inputs = new float[0];
        private float[] outputs = new float[0];
        private float[] rows = new float[0];

        float[] padded(int size) {
            return padded = grown(padded, size);
        }

        float[] transformedInputs(int size) {
            return inputs = grown(inputs, size);
        }

        float[] transformedOutputs(int size) {
            return outputs = grown(outputs, size);
        }

        float[] outputRows(int size) {
            return rows = grown(rows, size);
        }

        private static float[] grown(float[] buffer, int size) {
            return buffer.length >= size ? buffer : new float[size];
        }
    }
}
