package org.jdive.tests;

import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;

/**
 * The long-sum primitives of the {@code Backend} SPI written as their definitions: plain loops in double, one
 * term at a time, with no tiling, no vendor library and nothing shared with any backend. Each result carries, per
 * element, the sum of its terms' magnitudes, so a float32 result can be held to a tolerance that scales with
 * what was added rather than with the (possibly cancelled) total.
 */
final class Definitions {

    /** Values and, element by element, the sum of |term| that made each value. */
    record Expected(double[] value, double[] scale) {
        Expected(int size) {
            this(new double[size], new double[size]);
        }

        void add(int i, double term) {
            value[i] += term;
            scale[i] += Math.abs(term);
        }
    }

    private Definitions() {
    }

    /** {@code C[b] = op(A[b]) · op(B[b]) + beta · C[b]}, with the SPI's layout and batch strides. */
    static Expected matmul(int batch, int m, int n, int k, float[] a, int aStride, boolean transA,
                           float[] b, int bStride, boolean transB, float[] c, float beta) {
        Expected out = new Expected(batch * m * n);
        for (int p = 0; p < batch; p++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int ci = (p * m + i) * n + j;
                    if (beta != 0) {
                        out.add(ci, (double) beta * c[ci]);
                    }
                    for (int q = 0; q < k; q++) {
                        float left = a[p * aStride + (transA ? q * m + i : i * k + q)];
                        float right = b[p * bStride + (transB ? j * k + q : q * n + j)];
                        out.add(ci, (double) left * right);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Walks every term {@code x[n,c,ih,iw] · w[o,c,i,j]} of the convolution, as PyTorch's {@code conv2d} defines it:
     * {@code ih = oh·sh − ph + i}, {@code iw = ow·sw − pw + j}, terms in the padding left out.
     */
    private interface Term {
        void at(int xi, int wi, int yi);
    }

    private static void eachTerm(ConvSpec s, Term term) {
        int c = s.inChannels();
        int h = s.inHeight();
        int wd = s.inWidth();
        int kh = s.kernelHeight();
        int kw = s.kernelWidth();
        for (int n = 0; n < s.batch(); n++) {
            for (int o = 0; o < s.outChannels(); o++) {
                for (int oh = 0; oh < s.outHeight(); oh++) {
                    for (int ow = 0; ow < s.outWidth(); ow++) {
                        int yi = ((n * s.outChannels() + o) * s.outHeight() + oh) * s.outWidth() + ow;
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = oh * s.strideHeight() - s.padHeight() + i;
                                    int iw = ow * s.strideWidth() - s.padWidth() + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        term.at(((n * c + ic) * h + ih) * wd + iw, ((o * c + ic) * kh + i) * kw + j, yi);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code y[n,o,oh,ow] = bias[o] + Σ x[n,c,ih,iw] · w[o,c,i,j]} ({@code bias} may be null). */
    static Expected convForward(ConvSpec s, float[] x, float[] w, float[] bias) {
        Expected y = new Expected(s.outputSize());
        if (bias != null) {
            int positions = s.outHeight() * s.outWidth();
            for (int i = 0; i < y.value.length; i++) {
                y.add(i, bias[i / positions % s.outChannels()]);
            }
        }
        eachTerm(s, (xi, wi, yi) -> y.add(yi, (double) x[xi] * w[wi]));
        return y;
    }

    /** {@code dx[n,c,ih,iw] = Σ dy[n,o,oh,ow] · w[o,c,i,j]} over the outputs whose window holds the input. */
    static Expected convBackwardData(ConvSpec s, float[] dy, float[] w) {
        Expected dx = new Expected(s.inputSize());
        eachTerm(s, (xi, wi, yi) -> dx.add(xi, (double) dy[yi] * w[wi]));
        return dx;
    }

    /** {@code dw[o,c,i,j] = Σ dy[n,o,oh,ow] · x[n,c,ih,iw]}. */
    static Expected convBackwardWeights(ConvSpec s, float[] x, float[] dy) {
        Expected dw = new Expected(s.weightSize());
        eachTerm(s, (xi, wi, yi) -> dw.add(wi, (double) dy[yi] * x[xi]));
        return dw;
    }

    /** Visits each output of the pooling with the input positions of its window inside the image. */
    private interface Window {
        void at(int yi, int[] inputs, int taps);
    }

    private static void eachWindow(PoolSpec s, Window window) {
        int[] inputs = new int[s.kernelHeight() * s.kernelWidth()];
        for (int nc = 0; nc < s.batch() * s.channels(); nc++) {
            for (int oh = 0; oh < s.outHeight(); oh++) {
                for (int ow = 0; ow < s.outWidth(); ow++) {
                    int count = 0;
                    for (int i = 0; i < s.kernelHeight(); i++) {
                        for (int j = 0; j < s.kernelWidth(); j++) {
                            int ih = oh * s.strideHeight() - s.padHeight() + i;
                            int iw = ow * s.strideWidth() - s.padWidth() + j;
                            if (ih >= 0 && ih < s.inHeight() && iw >= 0 && iw < s.inWidth()) {
                                inputs[count++] = (nc * s.inHeight() + ih) * s.inWidth() + iw;
                            }
                        }
                    }
                    window.at((nc * s.outHeight() + oh) * s.outWidth() + ow, inputs, count);
                }
            }
        }
    }

    /** The largest input of each window (windows visited row by row; padding counts as minus infinity). */
    static Expected maxPoolForward(PoolSpec s, float[] x) {
        Expected y = new Expected(s.outputSize());
        eachWindow(s, (yi, inputs, taps) -> y.add(yi, x[firstMax(x, inputs, taps)]));
        return y;
    }

    /** Each output's gradient to the first maximal input of its window. */
    static Expected maxPoolBackward(PoolSpec s, float[] x, float[] dy) {
        Expected dx = new Expected(s.inputSize());
        eachWindow(s, (yi, inputs, taps) -> dx.add(firstMax(x, inputs, taps), dy[yi]));
        return dx;
    }

    private static int firstMax(float[] x, int[] inputs, int taps) {
        int best = inputs[0];
        for (int t = 1; t < taps; t++) {
            if (x[inputs[t]] > x[best]) {
                best = inputs[t];
            }
        }
        return best;
    }

    /** The mean over the whole kernel, padded cells counted as zeros (PyTorch's {@code count_include_pad=True}). */
    static Expected avgPoolForward(PoolSpec s, float[] x) {
        Expected y = new Expected(s.outputSize());
        double area = s.kernelHeight() * s.kernelWidth();
        eachWindow(s, (yi, inputs, taps) -> {
            for (int t = 0; t < taps; t++) {
                y.add(yi, x[inputs[t]] / area);
            }
        });
        return y;
    }

    static Expected avgPoolBackward(PoolSpec s, float[] dy) {
        Expected dx = new Expected(s.inputSize());
        double area = s.kernelHeight() * s.kernelWidth();
        eachWindow(s, (yi, inputs, taps) -> {
            for (int t = 0; t < taps; t++) {
                dx.add(inputs[t], dy[yi] / area);
            }
        });
        return dx;
    }

    /** Σ along the middle axis of {@code [outer, axis, inner]}. */
    static Expected sum(float[] x, int outer, int axis, int inner) {
        Expected out = new Expected(outer * inner);
        for (int o = 0; o < outer; o++) {
            for (int a = 0; a < axis; a++) {
                for (int i = 0; i < inner; i++) {
                    out.add(o * inner + i, x[(o * axis + a) * inner + i]);
                }
            }
        }
        return out;
    }

    /** {@code exp(x_a) / Σ_b exp(x_b)} (or its logarithm) along the middle axis, in double without shifting. */
    static Expected softmax(float[] x, int outer, int axis, int inner, boolean log) {
        Expected out = new Expected(x.length);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double total = 0;
                for (int a = 0; a < axis; a++) {
                    total += Math.exp(x[(o * axis + a) * inner + i]);
                }
                for (int a = 0; a < axis; a++) {
                    int at = (o * axis + a) * inner + i;
                    out.add(at, log ? x[at] - Math.log(total) : Math.exp(x[at]) / total);
                }
            }
        }
        return out;
    }
}
