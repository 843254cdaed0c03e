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
 * come from PyTorch's autograd (backward-data, pooling) or are expressed as a forward op (backward-weights: a
 * convolution of the input by the output gradient dilated by the stride).
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
     * The gradient of the convolution with respect to its input, from PyTorch's own convolution backward:
     * DJL's PyTorch engine implements no transposed convolution to express it with. {@code zeros} is an array
     * of the input's shape (the gradient does not depend on the input's values).
     */
    static NDArray backwardData(ConvSpec s, NDArray zeros, NDArray dy, NDArray w) {
        return gradient(v -> forward(s, v, w, null), zeros, dy);
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
