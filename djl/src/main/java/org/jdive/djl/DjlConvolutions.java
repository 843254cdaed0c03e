package org.jdive.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;

/**
 * Convolution and pooling on PyTorch through DJL's functional ops. The backward passes DJL does not expose
 * come from PyTorch's autograd (pooling) or are expressed as forward convolutions (backward-data: the output
 * gradient by the flipped kernel's stride phases; backward-weights: the input by the output gradient dilated by the
 * stride).
 */
final class DjlConvolutions {

    private static final Shape ONE = new Shape(1, 1);

    private DjlConvolutions() {
    }

    /** The convolution plus {@code bias} ({@code [out]}, or null for none), as PyTorch's {@code conv2d}. */
    static NDArray forward(ConvSpec s, NDArray x, NDArray w, NDArray bias) {
        return Conv2d.conv2d(x, w, bias, stride(s), padding(s), ONE, 1).singletonOrThrow();
    }

    /**
     * The gradient of the convolution with respect to its input (the transposed convolution of {@code dy}) as one
     * forward convolution, without PyTorch's convolution backward: on CPUs with AVX-512, PyTorch 2.7.1's oneDNN
     * 3.7.1 ({@code jit:avx512_core backward_data}) returns wrong gradients, or NaN, for some geometries (e.g.
     * kernel 4, stride 2, padding 2), while its forward convolution is right on them.
     *
     * <p>Sub-pixel decomposition: with {@code q = y + pad} written as {@code q = s·a + r}, only the kernel taps
     * {@code i = r + s·t} reach row {@code y}, from output row {@code a − t}: {@code dx[q] = Σ_t dy[a − t] · w[r + s·t]}.
     * For each phase {@code r} (in both axes) that is a stride-1 convolution of {@code dy} by the phase's taps,
     * flipped; the {@code s_h·s_w} phases become the output channels of one convolution, whose rows are then
     * interleaved ({@code q = s·a + r}) and cut to the input's rows. It does the arithmetic of the direct
     * backward pass, not the {@code s²} times more of convolving a zero-dilated {@code dy}.
     */
    static NDArray backwardData(ConvSpec s, NDArray dy, NDArray w) {
        int sh = s.strideHeight();
        int sw = s.strideWidth();
        int th = ceilDiv(s.kernelHeight(), sh);
        int tw = ceilDiv(s.kernelWidth(), sw);
        long n = s.batch();
        long c = s.inChannels();
        long o = s.outChannels();
        // Zero taps up to th·sh × tw·sw, so that every phase has th × tw of them.
        NDArray taps = zeroExtend(w, th * sh, tw * sw);
        NDArray phases = taps.reshape(o, c, th, sh, tw, sw).transpose(3, 5, 1, 0, 2, 4).flip(4, 5)
                .reshape(sh * sw * c, o, th, tw);
        NDArray full = Conv2d.conv2d(dy, phases, null, ONE, new Shape(th - 1, tw - 1), ONE, 1).singletonOrThrow();
        long a = s.outHeight() + th - 1;
        long b = s.outWidth() + tw - 1;
        NDArray rows = full.reshape(n, sh, sw, c, a, b).transpose(0, 3, 4, 1, 5, 2).reshape(n, c, a * sh, b * sw);
        // Input rows past every window's reach get no gradient: zeros where the interleaved rows end before them.
        NDArray reach = zeroExtend(rows, s.padHeight() + s.inHeight(), s.padWidth() + s.inWidth());
        return reach.get(new NDIndex().addAllDim().addAllDim()
                .addSliceDim(s.padHeight(), s.padHeight() + s.inHeight())
                .addSliceDim(s.padWidth(), s.padWidth() + s.inWidth()));
    }

    /** {@code x} with zeros appended along its last two axes up to {@code rows × cols} (unchanged where already as large). */
    private static NDArray zeroExtend(NDArray x, long rows, long cols) {
        Shape shape = x.getShape();
        long[] dims = shape.getShape();
        int h = dims.length - 2;
        NDArray out = x;
        if (dims[h] < rows) {
            long[] pad = dims.clone();
            pad[h] = rows - dims[h];
            out = out.concat(x.getManager().zeros(new Shape(pad)), h);
            dims[h] = rows;
        }
        if (dims[h + 1] < cols) {
            long[] pad = dims.clone();
            pad[h + 1] = cols - dims[h + 1];
            out = out.concat(x.getManager().zeros(new Shape(pad)), h + 1);
        }
        return out;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * {@code dw[o,c,i,j] = Σ dy[n,o,y,x] · xpad[n,c,y·sh+i,x·sw+j]}: a convolution of the input, with batch and
     * channels swapped, by {@code dy} dilated by the stride; its first kH×kW outputs are the kernel's gradient.
     */
    static NDArray backwardWeights(ConvSpec s, NDArray x, NDArray dy) {
        NDArray input = x.transpose(1, 0, 2, 3);
        NDArray kernel = dy.transpose(1, 0, 2, 3);
        NDArray full = Conv2d.conv2d(input, kernel, null, ONE, padding(s), stride(s), 1).singletonOrThrow();
        return full.get(new NDIndex().addAllDim().addAllDim()
                        .addSliceDim(0, s.kernelHeight()).addSliceDim(0, s.kernelWidth()))
                .transpose(1, 0, 2, 3);
    }

    static NDArray maxPool(PoolSpec s, NDArray x) {
        return Pool.maxPool2d(x, kernel(s), stride(s), padding(s), false);
    }

    static NDArray avgPool(PoolSpec s, NDArray x) {
        return Pool.avgPool2d(x, kernel(s), stride(s), padding(s), false, true);
    }

    /** The vector-Jacobian product {@code dyᵀ · ∂f(x)/∂x}, from PyTorch's autograd. */
    static NDArray gradient(UnaryOperator<NDArray> f, NDArray x, NDArray dy) {
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getEngine(PyTorchRuntime.ENGINE_NAME).newGradientCollector()) {
            collector.backward(f.apply(leaf).mul(dy));
            return leaf.getGradient().duplicate();
        }
    }

    private static Shape stride(ConvSpec s) {
        return new Shape(s.strideHeight(), s.strideWidth());
    }

    private static Shape padding(ConvSpec s) {
        return new Shape(s.padHeight(), s.padWidth());
    }

    private static Shape kernel(PoolSpec s) {
        return new Shape(s.kernelHeight(), s.kernelWidth());
    }

    private static Shape stride(PoolSpec s) {
        return new Shape(s.strideHeight(), s.strideWidth());
    }

    private static Shape padding(PoolSpec s) {
        return new Shape(s.padHeight(), s.padWidth());
    }
}
