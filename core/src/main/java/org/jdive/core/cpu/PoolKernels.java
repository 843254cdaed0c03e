package org.jdive.core.cpu;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.jdive.core.backend.PoolSpec;

/**
 * 2-D max and average pooling on NCHW {@code float[]} tensors, forward and backward, with PyTorch's semantics
 * ({@code max_pool2d}, and {@code avg_pool2d} with {@code count_include_pad=True}, no ceil mode). Planes
 * (one channel of one image) run in parallel; within a plane the order of work is fixed.
 */
public final class PoolKernels {

    /** Input elements per parallel chunk: enough work to be worth a hand-off to another thread. */
    private static final int CHUNK_ELEMENTS = 1 << 17;

    private PoolKernels() {
    }

    /**
     * Max pooling; {@code y} is overwritten. Padded cells never win; a NaN in a window wins (the last one, as
     * in PyTorch).
     */
    public static void maxForward(PoolSpec s, float[] x, float[] y) {
        int outH = s.outHeight();
        int outW = s.outWidth();
        forPlanes(s, plane -> {
            int in = plane * s.inHeight() * s.inWidth();
            int out = plane * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    y[out++] = x[argmax(s, x, in, oh, ow)];
                }
            }
        });
    }

    /**
     * The gradient of {@link #maxForward}: each window's gradient goes to its maximum, recomputed from
     * {@code x} (ties go to the first in row-major window order). {@code dx} is overwritten.
     */
    public static void maxBackward(PoolSpec s, float[] x, float[] dy, float[] dx) {
        int outH = s.outHeight();
        int outW = s.outWidth();
        forPlanes(s, plane -> {
            int in = plane * s.inHeight() * s.inWidth();
            int out = plane * outH * outW;
            Arrays.fill(dx, in, in + s.inHeight() * s.inWidth(), 0f);
            for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                    dx[argmax(s, x, in, oh, ow)] += dy[out++];
                }
            }
        });
    }

    /** Average pooling; padded cells count as zeros in the divisor {@code kH·kW}. {@code y} is overwritten. */
    public static void avgForward(PoolSpec s, float[] x, float[] y) {
        int outH = s.outHeight();
        int outW = s.outWidth();
        int w = s.inWidth();
        float divisor = s.kernelHeight() * s.kernelWidth();
        forPlanes(s, plane -> {
            int in = plane * s.inHeight() * w;
            int out = plane * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int h0 = Math.max(0, oh * s.strideHeight() - s.padHeight());
                int h1 = Math.min(s.inHeight(), oh * s.strideHeight() - s.padHeight() + s.kernelHeight());
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = Math.max(0, ow * s.strideWidth() - s.padWidth());
                    int w1 = Math.min(w, ow * s.strideWidth() - s.padWidth() + s.kernelWidth());
                    float sum = 0f;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            sum += x[in + ih * w + iw];
                        }
                    }
                    y[out++] = sum / divisor;
                }
            }
        });
    }

    /** The gradient of {@link #avgForward}: each window's gradient spread evenly over its cells. {@code dx} is overwritten. */
    public static void avgBackward(PoolSpec s, float[] dy, float[] dx) {
        int outH = s.outHeight();
        int outW = s.outWidth();
        int w = s.inWidth();
        float divisor = s.kernelHeight() * s.kernelWidth();
        forPlanes(s, plane -> {
            int in = plane * s.inHeight() * w;
            int out = plane * outH * outW;
            Arrays.fill(dx, in, in + s.inHeight() * w, 0f);
            for (int oh = 0; oh < outH; oh++) {
                int h0 = Math.max(0, oh * s.strideHeight() - s.padHeight());
                int h1 = Math.min(s.inHeight(), oh * s.strideHeight() - s.padHeight() + s.kernelHeight());
                for (int ow = 0; ow < outW; ow++) {
                    int w0 = Math.max(0, ow * s.strideWidth() - s.padWidth());
                    int w1 = Math.min(w, ow * s.strideWidth() - s.padWidth() + s.kernelWidth());
                    float g = dy[out++] / divisor;
                    for (int ih = h0; ih < h1; ih++) {
                        for (int iw = w0; iw < w1; iw++) {
                            dx[in + ih * w + iw] += g;
                        }
                    }
                }
            }
        });
    }

    /** The index in {@code x} of the maximum of window {@code (oh, ow)} of the plane starting at {@code in}. */
    private static int argmax(PoolSpec s, float[] x, int in, int oh, int ow) {
        int w = s.inWidth();
        int h0 = Math.max(0, oh * s.strideHeight() - s.padHeight());
        int h1 = Math.min(s.inHeight(), oh * s.strideHeight() - s.padHeight() + s.kernelHeight());
        int w0 = Math.max(0, ow * s.strideWidth() - s.padWidth());
        int w1 = Math.min(w, ow * s.strideWidth() - s.padWidth() + s.kernelWidth());
        int best = in + h0 * w + w0;
        float max = Float.NEGATIVE_INFINITY;
        for (int ih = h0; ih < h1; ih++) {
            for (int i = in + ih * w + w0, end = in + ih * w + w1; i < end; i++) {
                float v = x[i];
                if (v > max || v != v) {
                    max = v;
                    best = i;
                }
            }
        }
        return best;
    }

    private static void forPlanes(PoolSpec s, IntConsumer body) {
        int planeSize = s.inHeight() * s.inWidth();
        int grain = Math.max(1, CHUNK_ELEMENTS / planeSize);
        Parallel.forRange(s.batch() * s.channels(), grain, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                body.accept(plane);
            }
        });
    }
}
