package org.jdive.core.nn;

import java.util.Arrays;
import org.jdive.core.Tensor;

/**
 * Splits axis {@code dim} into several, as PyTorch's {@code nn.Unflatten}: with {@code dim = 1} and sizes
 * {@code (C, H, W)}, a batch of flat rows {@code [B, C·H·W]} becomes images {@code [B, C, H, W]}.
 */
public final class Unflatten extends Module {

    private final int dim;
    private final int[] sizes;

    /** Splits axis {@code dim >= 0} into axes of {@code sizes}, whose product must be its size. */
    public Unflatten(int dim, int... sizes) {
        if (dim < 0 || sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("Unflatten needs an axis >= 0 and positive sizes, got axis " + dim
                    + " and sizes " + Arrays.toString(sizes));
        }
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] shape = x.shape();
        if (dim >= shape.length) {
            throw new IllegalArgumentException("Unflatten(" + dim + ") needs at least " + (dim + 1) + " axes, got "
                    + Arrays.toString(shape));
        }
        int product = Arrays.stream(sizes).reduce(1, Math::multiplyExact);
        if (shape[dim] != product) {
            throw new IllegalArgumentException("Unflatten cannot split axis " + dim + " of " + Arrays.toString(shape)
                    + " into " + Arrays.toString(sizes) + " (" + product + " elements)");
        }
        int[] out = new int[shape.length - 1 + sizes.length];
        System.arraycopy(shape, 0, out, 0, dim);
        System.arraycopy(sizes, 0, out, dim, sizes.length);
        System.arraycopy(shape, dim + 1, out, dim + sizes.length, shape.length - dim - 1);
        return x.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + Arrays.toString(sizes);
    }
}
