package org.jdive.core;

import org.jdive.core.backend.Backend;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;

/** Convolution, transposed convolution and pooling over NCHW tensors, and their gradient rules. */
final class Convolutions {

    private Convolutions() {
    }

    /** {@code conv2d(x, w) + bias}, the bias ({@code [out]}, or null for none) added inside the backend's kernel. */
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int strideH, int strideW, int padH, int padW) {
        requireRank(x, 4, "conv2d input (N, C, H, W)");
        requireRank(w, 4, "conv2d weight (out, in, kH, kW)");
        int[] xs = x.shapeRef();
        int[] ws = w.shapeRef();
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xs) + " has " + xs[1]
                    + " channels but weight " + Shapes.str(ws) + " expects " + ws[1]);
        }
        if (bias != null && (bias.shapeRef().length != 1 || bias.shapeRef()[0] != ws[0])) {
            throw new IllegalArgumentException("conv2d: bias " + Shapes.str(bias.shapeRef()) + " must be [" + ws[0]
                    + "], one per output channel of weight " + Shapes.str(ws));
        }
        ConvSpec spec = new ConvSpec(xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], strideH, strideW, padH, padW);
        Elementwise.sameBackend(x, w);
        if (bias != null) {
            Elementwise.sameBackend(x, bias);
        }
        return forward(spec, x, w, bias);
    }

    /*
     * Convolution forward, backward-data and backward-weights are one bilinear map seen from its three sides, so
     * each one's gradients are the other two: these three recorded ops differentiate any number of times.
     */

    private static Tensor forward(ConvSpec spec, Tensor x, Tensor w, Tensor bias) {
        Backend be = x.backend();
        Tensor y = Tensor.forOutput(be, new int[] {spec.batch(), spec.outChannels(), spec.outHeight(), spec.outWidth()});
        be.conv2dForward(spec, x.buffer(), w.buffer(), bias == null ? null : bias.buffer(), y.buffer());
        return Autograd.record(y, "conv2d", g -> new Tensor[] {
            x.requiresGrad() ? backwardData(spec, g, w) : null,
            w.requiresGrad() ? backwardWeights(spec, x, g) : null,
            bias != null && bias.requiresGrad() ? g.sum(new int[] {0, 2, 3}, false) : null
        }, x, w, bias);
    }

    /** The input gradient {@code dx} from the output gradient {@code dy}; also the transposed convolution. */
    private static Tensor backwardData(ConvSpec spec, Tensor dy, Tensor w) {
        Backend be = dy.backend();
        Tensor dx = Tensor.forOutput(be, new int[] {spec.batch(), spec.inChannels(), spec.inHeight(), spec.inWidth()});
        be.conv2dBackwardData(spec, dy.buffer(), w.buffer(), dx.buffer());
        return Autograd.record(dx, "conv2d_backward_data", g -> new Tensor[] {
            dy.requiresGrad() ? forward(spec, g, w, null) : null,
            w.requiresGrad() ? backwardWeights(spec, g, dy) : null
        }, dy, w);
    }

    /** The weight gradient {@code dw} from the input {@code x} and the output gradient {@code dy}. */
    private static Tensor backwardWeights(ConvSpec spec, Tensor x, Tensor dy) {
        Backend be = x.backend();
        Tensor dw = Tensor.forOutput(be, new int[] {spec.outChannels(), spec.inChannels(), spec.kernelHeight(),
            spec.kernelWidth()});
        be.conv2dBackwardWeights(spec, x.buffer(), dy.buffer(), dw.buffer());
        return Autograd.record(dw, "conv2d_backward_weights", g -> new Tensor[] {
            x.requiresGrad() ? backwardData(spec, dy, g) : null,
            dy.requiresGrad() ? forward(spec, x, g, null) : null
        }, x, dy);
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, int stride, int pad, int outputPad) {
        requireRank(x, 4, "conv_transpose2d input (N, C, H, W)");
        requireRank(w, 4, "conv_transpose2d weight (in, out, kH, kW)");
        int[] xs = x.shapeRef();
        int[] ws = w.shapeRef();
        if (xs[1] != ws[0]) {
            throw new IllegalArgumentException("conv_transpose2d: input " + Shapes.str(xs) + " has " + xs[1]
                    + " channels but weight " + Shapes.str(ws) + " expects " + ws[0]);
        }
        if (outputPad < 0 || outputPad >= stride) {
            throw new IllegalArgumentException("conv_transpose2d: output padding " + outputPad
                    + " must be in [0, stride " + stride + ")");
        }
        int outH = (xs[2] - 1) * stride - 2 * pad + ws[2] + outputPad;
        int outW = (xs[3] - 1) * stride - 2 * pad + ws[3] + outputPad;
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("conv_transpose2d: input " + Shapes.str(xs) + " with kernel "
                    + ws[2] + "x" + ws[3] + ", stride " + stride + ", padding " + pad + " gives no output");
        }
        // The transposed convolution is the backward-data pass of the convolution from its output to its input.
        ConvSpec spec = new ConvSpec(xs[0], ws[1], outH, outW, ws[0], ws[2], ws[3], stride, stride, pad, pad);
        Elementwise.sameBackend(x, w);
        return backwardData(spec, x, w);
    }

    static Tensor maxPool2d(Tensor x, int kernel, int stride, int pad) {
        PoolSpec spec = poolSpec(x, kernel, stride, pad, "max_pool2d");
        Backend be = x.backend();
        Tensor y = Tensor.forOutput(be, pooledShape(spec));
        be.maxPool2dForward(spec, x.buffer(), y.buffer());
        return Autograd.recordFirstOrder(y, "max_pool2d", g -> {
            Tensor dx = Tensor.empty(be, x.shapeRef());
            be.maxPool2dBackward(spec, x.buffer(), g.buffer(), dx.buffer());
            return new Tensor[] {dx};
        }, x);
    }

    static Tensor avgPool2d(Tensor x, int kernel, int stride, int pad) {
        return avgPool2d(x, poolSpec(x, kernel, stride, pad, "avg_pool2d"));
    }

    private static Tensor avgPool2d(Tensor x, PoolSpec spec) {
        Backend be = x.backend();
        Tensor y = Tensor.forOutput(be, pooledShape(spec));
        be.avgPool2dForward(spec, x.buffer(), y.buffer());
        return Autograd.record(y, "avg_pool2d", g -> new Tensor[] {avgPool2dBackward(spec, g)}, x);
    }

    /** Average pooling's gradient, a linear map whose own gradient is average pooling again. */
    private static Tensor avgPool2dBackward(PoolSpec spec, Tensor dy) {
        Backend be = dy.backend();
        Tensor dx = Tensor.empty(be, new int[] {spec.batch(), spec.channels(), spec.inHeight(), spec.inWidth()});
        be.avgPool2dBackward(spec, dy.buffer(), dx.buffer());
        return Autograd.record(dx, "avg_pool2d_backward", g -> new Tensor[] {avgPool2d(g, spec)}, dy);
    }

    private static PoolSpec poolSpec(Tensor x, int kernel, int stride, int pad, String op) {
        requireRank(x, 4, op + " input (N, C, H, W)");
        int[] s = x.shapeRef();
        return new PoolSpec(s[0], s[1], s[2], s[3], kernel, kernel, stride, stride, pad, pad);
    }

    private static int[] pooledShape(PoolSpec spec) {
        return new int[] {spec.batch(), spec.channels(), spec.outHeight(), spec.outWidth()};
    }

    private static void requireRank(Tensor t, int rank, String what) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(what + " must have rank " + rank + ", got shape " + Shapes.str(t.shapeRef()));
        }
    }
}
