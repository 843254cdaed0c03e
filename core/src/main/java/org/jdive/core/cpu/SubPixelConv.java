package org.jdive.core.cpu;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.jdive.core.backend.ConvSpec;

/**
 * A convolution's backward-data pass (the forward pass of the transposed convolution) as one GEMM per
 * <em>phase</em> of the input, without col2im's scatter-add.
 *
 * <p>Input pixel {@code ih} receives output gradient {@code dy[oh]} through kernel row {@code kh} when
 * {@code ih + pad = oh·stride + kh}. Write {@code ih + pad = q·stride + r} ({@code 0 ≤ r < stride}, the pixel's
 * phase): the rows that reach it are {@code kh = r + stride·j} and then {@code oh = q − j}. So
 * <pre>
 *     dx[c, ih, iw] = Σ_{o, j, jw} w[o, c, r + stride·j, rw + stride·jw] · dy[o, q − j, qw − jw],
 * </pre>
 * for each of the {@code stride²} phases {@code (r, rw)} a stride-1 correlation of {@code dy} with a
 * {@code ⌈(k − r)/stride⌉}-tap sub-kernel: a column matrix of {@code dy} whose rows are runs of adjacent
 * {@code dy} elements (copied, not gathered), one GEMM with the phase's weights, and the phase's pixels written
 * into {@code dx} every {@code stride} elements. Every multiply-add of the GEMM meets a real {@code dy} element or
 * a border zero; im2col's product also multiplies the zeros a stride leaves between them and then scatters the
 * {@code k²} contributions of each pixel through memory (a sixth of a DCGAN step before this path).
 *
 * <p>Each pixel is one dot product in the GEMM's fixed order, so the result is the same whatever the number of
 * threads. Inputs with fewer channels than the GEMM's register tile has rows ({@link #applies}) keep im2col's
 * path, whose GEMM has {@code C·k²} rows instead of {@code C}.
 */
final class SubPixelConv {

    /** The fewest input channels for this path: the GEMM's rows are the input channels. */
    static final int MIN_CHANNELS = 8;
    /** The GEMM width (columns of a phase's positions) a group of images aims for at least. */
    private static final int GROUP_COLUMNS = 1024;
    /** The multiply-adds a group's GEMM aims for at least: enough for {@link Sgemm} to use every core. */
    private static final long GROUP_VOLUME = 1L << 25;
    /** The most floats of column matrices held at once. */
    private static final int MAX_COLUMNS = 1 << 23;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private SubPixelConv() {
    }

    /**
     * Whether {@code s}'s backward-data takes this path: enough input channels, and no more multiply-adds than
     * im2col's GEMM. The phases' columns hold every {@code dy} element a pixel's sub-kernel could meet, border zeros
     * included, so a small output read through a large kernel (DCGAN's first layer: 1×1 through 4×4, sixteen times
     * the work) stays with im2col.
     */
    static boolean applies(ConvSpec s) {
        if (s.inChannels() < MIN_CHANNELS) {
            return false;
        }
        long phases = 0;
        for (int rh = 0; rh < s.strideHeight(); rh++) {
            for (int rw = 0; rw < s.strideWidth(); rw++) {
                Phase p = new Phase(s, rh, rw);
                phases += (long) p.rows * p.positions;
            }
        }
        long im2col = (long) s.outChannels() * s.kernelHeight() * s.kernelWidth() * s.outHeight() * s.outWidth();
        return phases <= im2col;
    }

    /** Computes {@code dx = conv2dᵀ(dy, w)}, overwriting {@code dx}. */
    static void backwardData(ConvSpec s, float[] dy, float[] w, float[] dx) {
        for (int rh = 0; rh < s.strideHeight(); rh++) {
            for (int rw = 0; rw < s.strideWidth(); rw++) {
                Phase phase = new Phase(s, rh, rw);
                if (phase.positions > 0) {
                    phase.compute(dy, w, dx);
                }
            }
        }
    }

    /** One phase's pixels along one axis: which of them there are and which kernel taps reach them. */
    private record Axis(int first, int count, int q0, int taps, int phase, int stride) {

        static Axis of(int size, int kernel, int stride, int pad, int phase) {
            int q0 = Math.max(0, Math.ceilDiv(pad - phase, stride));
            int count = Math.max(0, Math.ceilDiv(size + pad - phase, stride) - q0);
            int taps = phase < kernel ? Math.ceilDiv(kernel - phase, stride) : 0;
            return new Axis(q0 * stride + phase - pad, count, q0, taps, phase, stride);
        }

        /** The kernel index of this phase's tap {@code j}. */
        int kernelIndex(int j) {
            return phase + stride * j;
        }
    }

    /** One phase {@code (rh, rw)}: its pixels, its sub-kernel and its GEMM over a group of images at a time. */
    private static final class Phase {
        final ConvSpec s;
        final Axis h;
        final Axis w;
        final int positions;
        /** The GEMM's depth: output channels × the sub-kernel's taps. */
        final int rows;

        Phase(ConvSpec s, int rh, int rw) {
            this.s = s;
            h = Axis.of(s.inHeight(), s.kernelHeight(), s.strideHeight(), s.padHeight(), rh);
            w = Axis.of(s.inWidth(), s.kernelWidth(), s.strideWidth(), s.padWidth(), rw);
            positions = h.count() * w.count();
            rows = s.outChannels() * h.taps() * w.taps();
        }

        void compute(float[] dy, float[] weights, float[] dx) {
            if (rows == 0) { // no kernel tap reaches these pixels
                Parallel.forRange(s.batch(), 1, (from, to) -> {
                    for (int n = from; n < to; n++) {
                        store(null, 0, 0, dx, n);
                    }
                });
                return;
            }
            int channels = s.inChannels();
            int fitting = (int) Math.max(1, MAX_COLUMNS / ((long) rows * positions));
            long wanted = Math.max(Math.ceilDiv(GROUP_COLUMNS, positions),
                    Math.ceilDiv(GROUP_VOLUME, (long) rows * channels * positions));
            int group = (int) Math.min(s.batch(), Math.min(wanted, fitting));
            Scratch scratch = SCRATCH.get();
            float[] sub = subKernel(weights, scratch.weights(rows * channels));
            float[] columns = scratch.columns(rows * group * positions);
            float[] outputs = scratch.outputs(channels * group * positions);
            for (int n0 = 0; n0 < s.batch(); n0 += group) {
                int first = n0;
                int images = Math.min(group, s.batch() - n0);
                int depth = images * positions;
                forImages(images, i -> columns(dy, first + i, columns, i * positions, depth));
                Sgemm.multiply(true, false, channels, depth, rows, sub, 0, channels, columns, 0, depth,
                        0f, outputs, 0, depth);
                forImages(images, i -> store(outputs, i * positions, depth, dx, first + i));
            }
        }

        /** The phase's weights as a {@code rows × C} matrix: row {@code (o, j, jw)} holds {@code w[o, ·, kh(j), kw(jw)]}. */
        private float[] subKernel(float[] weights, float[] sub) {
            int channels = s.inChannels();
            int kernel = s.kernelHeight() * s.kernelWidth();
            for (int o = 0, row = 0; o < s.outChannels(); o++) {
                for (int j = 0; j < h.taps(); j++) {
                    for (int jw = 0; jw < w.taps(); jw++, row++) {
                        int tap = h.kernelIndex(j) * s.kernelWidth() + w.kernelIndex(jw);
                        for (int c = 0; c < channels; c++) {
                            sub[row * channels + c] = weights[(o * channels + c) * kernel + tap];
                        }
                    }
                }
            }
            return sub;
        }

        /**
         * Writes image {@code n}'s column matrix from {@code at}, rows {@code ld} apart: row {@code (o, j, jw)},
         * position {@code (a, b)} holds {@code dy[o, q0 + a − j, qw0 + b − jw]}, zero outside {@code dy}.
         */
        private void columns(float[] dy, int n, float[] col, int at, int ld) {
            int outH = s.outHeight();
            int outW = s.outWidth();
            int width = w.count();
            for (int o = 0, row = 0; o < s.outChannels(); o++) {
                int plane = (n * s.outChannels() + o) * outH * outW;
                for (int j = 0; j < h.taps(); j++) {
                    for (int jw = 0; jw < w.taps(); jw++, row++) {
                        int start = w.q0() - jw; // dy's column at b = 0
                        int lo = Math.clamp(-start, 0, width); // the first b inside dy
                        int hi = Math.clamp(outW - start, lo, width); // past the last (lo when none is)
                        for (int a = 0; a < h.count(); a++) {
                            int to = at + row * ld + a * width;
                            int oh = h.q0() + a - j;
                            if (oh < 0 || oh >= outH || lo == hi) {
                                Arrays.fill(col, to, to + width, 0f);
                                continue;
                            }
                            Arrays.fill(col, to, to + lo, 0f);
                            System.arraycopy(dy, plane + oh * outW + start + lo, col, to + lo, hi - lo);
                            Arrays.fill(col, to + hi, to + width, 0f);
                        }
                    }
                }
            }
        }

        /** Writes the phase's pixels of image {@code n} from {@code outputs} (from {@code at}, rows {@code ld} apart), or zeros. */
        private void store(float[] outputs, int at, int ld, float[] dx, int n) {
            int inH = s.inHeight();
            int inW = s.inWidth();
            for (int c = 0; c < s.inChannels(); c++) {
                int plane = (n * s.inChannels() + c) * inH * inW;
                int from = at + c * ld;
                for (int a = 0; a < h.count(); a++) {
                    int to = plane + (h.first() + a * h.stride()) * inW + w.first();
                    for (int b = 0; b < w.count(); b++, to += w.stride()) {
                        dx[to] = outputs == null ? 0f : outputs[from++];
                    }
                }
            }
        }

        /** Runs {@code body} for each image of a group, on several threads when their columns are worth sharing. */
        private void forImages(int images, IntConsumer body) {
            int perTask = Math.max(1, CpuElementwise.PARALLEL_GRAIN / (rows * positions));
            Parallel.forRange(images, perTask, (from, to) -> {
                for (int i = from; i < to; i++) {
                    body.accept(i);
                }
            });
        }
    }

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Scratch {
        private float[] weights = new float[0];
        private float[] columns = new float[0];
        private float[] outputs = new float[0];

        float[] weights(int size) {
            return weights = grown(weights, size);
        }

        float[] columns(int size) {
            return columns = grown(columns, size);
        }

        float[] outputs(int size) {
            return outputs = grown(outputs, size);
        }

        private static float[] grown(float[] buffer, int size) {
            return buffer.length < size ? new float[size] : buffer;
        }
    }
}
