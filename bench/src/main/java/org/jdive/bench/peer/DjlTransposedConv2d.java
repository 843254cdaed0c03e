package org.jdive.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A transposed convolution (weights {@code [in, out, 4, 4]} and an optional bias, as PyTorch's {@code ConvTranspose2d})
 * written with DJL ops, because DJL's PyTorch engine does not implement {@code Conv2dTranspose} (its
 * {@code deconvolution} throws "Not implemented"). This is what a DJL user on that engine writes, and it
 * wastes no work on zeros:
 *
 * <ul>
 *   <li>stride 1, padding p: a convolution with the flipped, transposed kernel, padded by {@code k-1-p};</li>
 *   <li>stride 2, padding 1 (DCGAN's up-sampling): the sub-pixel form, in which each of the four output
 *       phases {@code (a, b)} is a stride-1 convolution by the 2×2 taps {@code flip(w)[a::2, b::2]}; the
 *       four run as one convolution and are interleaved into the doubled output.</li>
 * </ul>
 */
final class DjlTransposedConv2d extends AbstractBlock {

    private static final int K = 4;

    private final int inChannels;
    private final int outChannels;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    /** Without a bias, as DCGAN's generator has them. */
    DjlTransposedConv2d(int inChannels, int outChannels, int stride, int padding) {
        this(inChannels, outChannels, stride, padding, false);
    }

    DjlTransposedConv2d(int inChannels, int outChannels, int stride, int padding, boolean withBias) {
        if (!(stride == 1 && padding < K) && !(stride == 2 && padding == 1)) {
            throw new IllegalArgumentException("transposed convolution with kernel 4 supports stride 1 (padding < 4) "
                    + "or stride 2 with padding 1, got stride " + stride + ", padding " + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.stride = stride;
        this.padding = padding;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(inChannels, outChannels, K, K)).build());
        this.bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).build()) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray y = stride == 1 ? strideOne(x, w) : strideTwo(x, w);
        return new NDList(bias == null ? y : y.add(store.getValue(bias, x.getDevice(), training).reshape(1, outChannels, 1, 1)));
    }

    private NDArray strideOne(NDArray x, NDArray w) {
        NDArray kernel = w.flip(2, 3).transpose(1, 0, 2, 3);
        int pad = K - 1 - padding;
        return Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(pad, pad)).singletonOrThrow();
    }

    private NDArray strideTwo(NDArray x, NDArray w) {
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        NDArray flipped = w.flip(2, 3);
        NDList taps = new NDList();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                taps.add(flipped.get(new NDIndex().addAllDim().addAllDim().addSliceDim(a, K, 2).addSliceDim(b, K, 2))
                        .transpose(1, 0, 2, 3));
            }
        }
        NDArray phases = Conv2d.conv2d(x, NDArrays.concat(taps, 0), null, new Shape(1, 1), new Shape(1, 1))
                .singletonOrThrow();
        NDList rows = new NDList();
        for (int a = 0; a < 2; a++) {
            NDList columns = new NDList();
            for (int b = 0; b < 2; b++) {
                int phase = 2 * a + b;
                columns.add(phases.get(new NDIndex().addAllDim()
                        .addSliceDim((long) phase * outChannels, (long) (phase + 1) * outChannels)
                        .addSliceDim(a, a + h).addSliceDim(b, b + wd)));
            }
            rows.add(NDArrays.stack(columns, 4).reshape(x.getShape().get(0), outChannels, h, 2 * wd));
        }
        return NDArrays.stack(rows, 3).reshape(x.getShape().get(0), outChannels, 2 * h, 2 * wd);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        long h = (in.get(2) - 1) * stride - 2L * padding + K;
        long w = (in.get(3) - 1) * stride - 2L * padding + K;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    @Override
    public String toString() {
        return "TransposedConv2d(" + inChannels + " -> " + outChannels + ", stride " + stride + ", padding " + padding + ")";
    }
}
