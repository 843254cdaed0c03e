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
        Backend be = Elementwise.sameBackend(x, w);
        if (bias != null) {
            Elementwise.sameBackend(x, bias);
        }
        Tensor y = Tensor.forOutput(be, new int[] {xs[0], ws[0], spec.outHeight(), spec.outWidth()});
        be.conv2dForward(spec, x.buffer(), w.buffer(), bias == null ? null : bias.buffer(), y.buffer());
        return Autograd.record(y, "conv2d", g -> {
            Tensor dx = null;
            Tensor dw = null;
            if (x.requiresGrad()) {
                dx = Tensor.forOutput(be, xs);
                be.conv2dBackwardData(spec, g.buffer(), w.buffer(), dx.buffer());
            }
            if (w.requiresGrad()) {
                dw = Tensor.forOutput(be, ws);
                be.conv2dBackwardWeights(spec, x.buffer(), g.buffer(), dw.buffer());
            }
            Tensor db = bias != null && bias.requiresGrad() ? g.sum(new int[] {0, 2, 3}, false) : null;
            return new Tensor[] {dx, dw, db};
        }, x, w, bias);
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
        Backend be = Elementwise.sameBackend(x, w);
        int[] ys = {xs[0], ws[1], outH, outW};
        Tensor y = Tensor.forOutput(be, ys);
        be.conv2dBackwardData(spec, x.buffer(), w.buffer(), y.buffer());
        return Autograd.record(y, "conv_transpose2d", g -> {
            Tensor dx = null;
            Tensor dw = null;
            if (x.requiresGrad()) {
                dx = Tensor.forOutput(be, xs);
                be.conv2dForward(spec, g.buffer(), w.buffer(), null, dx.buffer());
            }
            if (w.requiresGrad()) {
                dw = Tensor.forOutput(be, ws);
                be.conv2dBackwardWeights(spec, g.buffer(), x.buffer(), dw.buffer());
            }
            return new Tensor[] {dx, dw};
        }, x, w);
    }

    static Tensor maxPool2d(Tensor x, int kernel, int stride, int pad) {
        PoolSpec spec = poolSpec(x, kernel, stride, pad, "max_pool2d");
        Backend be = x.backend();
        Tensor y = Tensor.forOutput(be, pooledShape(spec));
        be.maxPool2dForward(spec, x.buffer(), y.buffer());
        return Autograd.record(y, "max_pool2d", g -> {
            Tensor dx = Tensor.empty(be, x.shapeRef());
            be.maxPool2dBackward(spec, x.buffer(), g.buffer(), dx.buffer());
            return new Tensor[] {dx};
        }, x);
    }

    static Tensor avgPool2d(Tensor x, int kernel, int stride, int pad) {
        PoolSpec spec = poolSpec(x, kernel, stride, pad, "avg_pool2d");
        Backend be = x.backend();
        Tensor y = Tensor.forOutput(be, pooledShape(spec));
        be.avgPool2dForward(spec, x.buffer(), y.buffer());
        return Autograd.record(y, "avg_pool2d", g -> {
            Tensor dx = Tensor.empty(be, x.shapeRef());
            be.avgPool2dBackward(spec, g.buffer(), dx.buffer());
            return new Tensor[] {dx};
        }, x);
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
