package org.jdive.core.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.jdive.core.backend.ConvSpec;

/**
 * The forward pass of stride-1 convolutions whose kernel meets few input values
 * ({@code C·kH·kW ≤ }{@value #MAX_TAPS}), such as MinAtar's 4 × 3 × 3, computed straight from the image rather than
 * from im2col's column matrix.
 *
 * <p>On the zero-padded image ({@code Hp × Wp} per channel), tap {@code (c, kh, kw)} of output {@code (oh, ow)}
 * reads element {@code c·Hp·Wp + kh·Wp + kw} (the tap's offset) {@code + oh·Wp + ow} (the output's <em>wide
 * position</em>). Wide positions run contiguously over the output rows and the {@code Wp − outW} columns between
 * them, so when every wide position is computed and the in-between ones are thrown away, each tap's inputs are one
 * contiguous run, read with plain vector loads: the column matrix, which for a shallow kernel costs as much to write
 * and read back as the product itself, is never built. The waste, {@code Wp / outW}, is held to at most 2.
 *
 * <p>This is the forward pass only: one task per few images, each output summed over the taps in order, so the result
 * is the same whatever the number of threads. The weight gradient would sum over the
 * wasted positions too (their output gradients set to zero) and reads two vectors per pair of them; im2col with
 * {@link RowDotProducts} stayed faster there (MinAtar's: 20 against 25 µs on two cores).
 *
 * <p>The limit on taps covers every MinAtar game (4 to 10 channels, 36 to 90 taps), where this path was measured
 * against im2col: Seaquest's 90-tap layer 25–37 against 60–156 µs a forward pass ({@code ConvBenchmark}), and its
 * whole training step some 20 % faster. Deeper kernels were not measured, so they keep im2col's packed GEMM, which
 * reuses each loaded input across more outputs.
 */
final class DirectConv {

    /** The most input values a kernel may meet (channels × taps) for this path: beyond, im2col's GEMM is packed. */
    static final int MAX_TAPS = 96;
    /** Multiply-adds a forward task aims for (MinAtar's images are some 46,000 each). */
    private static final long TASK_MACS = 1L << 17;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Output channels per register tile. */
    private static final int TILE = 4;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private DirectConv() {
    }

    /** Whether {@code s} takes this path: stride 1, a shallow kernel, and at most half its wide positions wasted. */
    static boolean applies(ConvSpec s) {
        int paddedWidth = s.inWidth() + 2 * s.padWidth();
        return s.strideHeight() == 1 && s.strideWidth() == 1
                && (long) s.inChannels() * s.kernelHeight() * s.kernelWidth() <= MAX_TAPS
                && paddedWidth <= 2 * s.outWidth();
    }

    /** Computes {@code y = conv2d(x, w) + bias} ({@code bias}: one per output channel, or null); {@code y} is overwritten. */
    static void forward(ConvSpec s, float[] x, float[] w, float[] bias, float[] y) {
        Geometry g = new Geometry(s);
        long macsPerImage = (long) s.outChannels() * g.taps * g.wideLength;
        int perTask = (int) Math.max(1, TASK_MACS / macsPerImage);
        Parallel.forRange(s.batch(), perTask, (from, to) -> {
            Scratch scratch = SCRATCH.get();
            float[] image = scratch.image(g);
            float[] wide = scratch.wide(s.outChannels() * g.wideLength);
            for (int n = from; n < to; n++) {
                g.loadImage(x, n, image);
                forwardImage(g, image, w, wide);
                g.storeOutputs(wide, bias, y, n);
            }
        });
    }

    /** The outputs of one padded image at every wide position, row {@code o} of {@code wide} per output channel. */
    private static void forwardImage(Geometry g, float[] image, float[] w, float[] wide) {
        int out = g.spec.outChannels();
        for (int o0 = 0; o0 < out; o0 += TILE) {
            // Rows past the last output channel repeat it: the same values, written to the same row.
            int w0 = o0 * g.taps;
            int w1 = Math.min(o0 + 1, out - 1) * g.taps;
            int w2 = Math.min(o0 + 2, out - 1) * g.taps;
            int w3 = Math.min(o0 + 3, out - 1) * g.taps;
            int v = 0;
            for (; v + TILE <= g.vectors; v += TILE) {
                forwardTile(g.taps, g.offsets, image, v * L, w, w0, w1, w2, w3, wide, g.wideLength, o0, out);
            }
            for (; v < g.vectors; v++) {
                forwardColumn(g.taps, g.offsets, image, v * L, w, w0, w1, w2, w3, wide, g.wideLength, o0, out);
            }
        }
    }

    /** Four output channels (weight rows at {@code w0}..{@code w3}) × four vectors of wide positions at {@code at}. */
    private static void forwardTile(int taps, int[] offsets, float[] image, int at, float[] w,
                                    int w0, int w1, int w2, int w3, float[] wide, int ld, int o0, int out) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F);
        FloatVector c02 = FloatVector.zero(F), c03 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c12 = FloatVector.zero(F), c13 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F);
        FloatVector c22 = FloatVector.zero(F), c23 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c32 = FloatVector.zero(F), c33 = FloatVector.zero(F);
        for (int t = 0; t < taps; t++) {
            int i = at + offsets[t];
            FloatVector x0 = FloatVector.fromArray(F, image, i);
            FloatVector x1 = FloatVector.fromArray(F, image, i + L);
            FloatVector x2 = FloatVector.fromArray(F, image, i + 2 * L);
            FloatVector x3 = FloatVector.fromArray(F, image, i + 3 * L);
            FloatVector a = FloatVector.broadcast(F, w[w0 + t]);
            c00 = a.fma(x0, c00);
            c01 = a.fma(x1, c01);
            c02 = a.fma(x2, c02);
            c03 = a.fma(x3, c03);
            a = FloatVector.broadcast(F, w[w1 + t]);
            c10 = a.fma(x0, c10);
            c11 = a.fma(x1, c11);
            c12 = a.fma(x2, c12);
            c13 = a.fma(x3, c13);
            a = FloatVector.broadcast(F, w[w2 + t]);
            c20 = a.fma(x0, c20);
            c21 = a.fma(x1, c21);
            c22 = a.fma(x2, c22);
            c23 = a.fma(x3, c23);
            a = FloatVector.broadcast(F, w[w3 + t]);
            c30 = a.fma(x0, c30);
            c31 = a.fma(x1, c31);
            c32 = a.fma(x2, c32);
            c33 = a.fma(x3, c33);
        }
        int row = o0 * ld + at;
        c00.intoArray(wide, row);
        c01.intoArray(wide, row + L);
        c02.intoArray(wide, row + 2 * L);
        c03.intoArray(wide, row + 3 * L);
        if (o0 + 1 < out) {
            c10.intoArray(wide, row + ld);
            c11.intoArray(wide, row + ld + L);
            c12.intoArray(wide, row + ld + 2 * L);
            c13.intoArray(wide, row + ld + 3 * L);
        }
        if (o0 + 2 < out) {
            c20.intoArray(wide, row + 2 * ld);
            c21.intoArray(wide, row + 2 * ld + L);
            c22.intoArray(wide, row + 2 * ld + 2 * L);
            c23.intoArray(wide, row + 2 * ld + 3 * L);
        }
        if (o0 + 3 < out) {
            c30.intoArray(wide, row + 3 * ld);
            c31.intoArray(wide, row + 3 * ld + L);
            c32.intoArray(wide, row + 3 * ld + 2 * L);
            c33.intoArray(wide, row + 3 * ld + 3 * L);
        }
    }

    /** {@link #forwardTile} for one vector of wide positions (those past the last whole tile). */
    private static void forwardColumn(int taps, int[] offsets, float[] image, int at, float[] w,
                                      int w0, int w1, int w2, int w3, float[] wide, int ld, int o0, int out) {
        FloatVector c0 = FloatVector.zero(F), c1 = FloatVector.zero(F);
        FloatVector c2 = FloatVector.zero(F), c3 = FloatVector.zero(F);
        for (int t = 0; t < taps; t++) {
            FloatVector x0 = FloatVector.fromArray(F, image, at + offsets[t]);
            c0 = FloatVector.broadcast(F, w[w0 + t]).fma(x0, c0);
            c1 = FloatVector.broadcast(F, w[w1 + t]).fma(x0, c1);
            c2 = FloatVector.broadcast(F, w[w2 + t]).fma(x0, c2);
            c3 = FloatVector.broadcast(F, w[w3 + t]).fma(x0, c3);
        }
        int row = o0 * ld + at;
        c0.intoArray(wide, row);
        if (o0 + 1 < out) {
            c1.intoArray(wide, row + ld);
        }
        if (o0 + 2 < out) {
            c2.intoArray(wide, row + 2 * ld);
        }
        if (o0 + 3 < out) {
            c3.intoArray(wide, row + 3 * ld);
        }
    }

    /** The sizes and tap offsets of one convolution on padded images. */
    private static final class Geometry {
        final ConvSpec spec;
        final int paddedWidth;
        final int paddedPlane;
        /** Floats of a padded image and the zeros after it that the last vectors read. */
        final int paddedLength;
        final int taps;
        /** Where each tap {@code (c, kh, kw)} starts in the padded image. */
        final int[] offsets;
        /** Whole vectors over the wide positions, {@code (outH − 1)·Wp + outW}. */
        final int vectors;
        final int wideLength;
        final VectorMask<Float> rowTail;

        Geometry(ConvSpec s) {
            spec = s;
            paddedWidth = s.inWidth() + 2 * s.padWidth();
            paddedPlane = paddedWidth * (s.inHeight() + 2 * s.padHeight());
            // The last vector of the last tap ends at most a vector past the padded image (see the class comment).
            paddedLength = s.inChannels() * paddedPlane + L;
            taps = s.inChannels() * s.kernelHeight() * s.kernelWidth();
            offsets = new int[taps];
            for (int c = 0, t = 0; c < s.inChannels(); c++) {
                for (int kh = 0; kh < s.kernelHeight(); kh++) {
                    for (int kw = 0; kw < s.kernelWidth(); kw++, t++) {
                        offsets[t] = c * paddedPlane + kh * paddedWidth + kw;
                    }
                }
            }
            vectors = Math.ceilDiv((s.outHeight() - 1) * paddedWidth + s.outWidth(), L);
            wideLength = vectors * L;
            rowTail = F.indexInRange(F.loopBound(s.outWidth()), s.outWidth());
        }

        /** Copies image {@code n} of {@code x} into {@code dst}, with its zero border and slack. */
        void loadImage(float[] x, int n, float[] dst) {
            int height = spec.inHeight();
            int width = spec.inWidth();
            if (spec.padHeight() == 0 && spec.padWidth() == 0) {
                int size = spec.inChannels() * height * width;
                System.arraycopy(x, n * size, dst, 0, size);
                Arrays.fill(dst, size, paddedLength, 0f);
                return;
            }
            Arrays.fill(dst, 0, paddedLength, 0f);
            for (int c = 0; c < spec.inChannels(); c++) {
                int from = (n * spec.inChannels() + c) * height * width;
                int to = c * paddedPlane + spec.padHeight() * paddedWidth + spec.padWidth();
                for (int ih = 0; ih < height; ih++) {
                    System.arraycopy(x, from + ih * width, dst, to + ih * paddedWidth, width);
                }
            }
        }

        /**
         * Copies one image's real outputs to {@code y} from {@code wide}, its channels {@code wideLength} apart, adding
         * the bias if there is one.
         */
        void storeOutputs(float[] wide, float[] bias, float[] y, int n) {
            int out = spec.outChannels();
            int outHeight = spec.outHeight();
            int outWidth = spec.outWidth();
            for (int o = 0; o < out; o++) {
                int from = o * wideLength;
                int to = (n * out + o) * outHeight * outWidth;
                float b = bias == null ? 0f : bias[o];
                for (int oh = 0; oh < outHeight; oh++) {
                    ConvKernels.addRun(wide, from + oh * paddedWidth, y, to + oh * outWidth, outWidth, b, rowTail);
                }
            }
        }
    }

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Scratch {
        private float[] image = new float[0];
        private float[] wide = new float[0];

        float[] image(Geometry g) {
            if (image.length < g.paddedLength) {
                image = new float[g.paddedLength];
            }
            return image;
        }

        float[] wide(int size) {
            if (wide.length < size) {
                wide = new float[size];
            }
            return wide;
        }
    }
}
