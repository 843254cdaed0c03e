package org.jdive.core.nn;

import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;

/**
 * Layer normalisation over the trailing axes given by {@code normalizedShape}, as PyTorch's
 * {@code nn.LayerNorm}: each sample is normalised by its own mean and biased variance, then scaled by
 * {@code weight} (1) and shifted by {@code bias} (0), both of {@code normalizedShape}. The same in training
 * and evaluation.
 */
public final class LayerNorm extends Module {

    private final int[] normalizedShape;
    private final float eps;
    private final Tensor weight;
    private final Tensor bias;

    /** PyTorch's defaults: {@code eps = 1e-5}, with a learnable scale and shift. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5f, true);
    }

    /**
     * Layer norm with the given settings, its parameters (if any) on the default backend.
     *
     * @param normalizedShape the trailing axes to normalise over, at least one
     * @param eps added to the variance before its root
     * @param elementwiseAffine whether the learnable {@code weight} and {@code bias} are there
     */
    public LayerNorm(int[] normalizedShape, float eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm needs at least one normalised axis");
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        if (elementwiseAffine) {
            try (Scope persistent = Scope.none()) {
                weight = registerParameter("weight", Tensor.full(Backends.getDefault(), 1f, normalizedShape));
                bias = registerParameter("bias", Tensor.zeros(Backends.getDefault(), normalizedShape));
            }
        } else {
            weight = null;
            bias = null;
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        int k = normalizedShape.length;
        int[] s = x.shape();
        boolean ok = s.length >= k;
        for (int i = 0; ok && i < k; i++) {
            ok = s[s.length - k + i] == normalizedShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("LayerNorm over " + shapeStr(normalizedShape)
                    + " needs an input ending in those axes, got " + shapeStr(s));
        }
        int[] axes = new int[k];
        int count = 1;
        for (int i = 0; i < k; i++) {
            axes[i] = s.length - k + i;
            count *= normalizedShape[i];
        }
        Tensor centred = x.sub(x.sum(axes, true).div(count));
        Tensor var = centred.square().sum(axes, true).div(count);
        Tensor y = centred.div(var.add(eps).sqrt());
        return weight == null ? y : y.mul(weight).add(bias);
    }

    @Override
    protected String extraRepr() {
        return shapeStr(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null);
    }
}
