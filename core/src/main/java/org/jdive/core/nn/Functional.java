package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/** Functions behind the layers that are not single tensor ops, as PyTorch's {@code torch.nn.functional}. */
public final class Functional {

    // Abramowitz and Stegun 7.1.26: |error| < 1.5e-7, below float32's resolution near 1.
    private static final float P = 0.3275911f;
    private static final float[] A = {0.254829592f, -0.284496736f, 1.421413741f, -1.453152027f, 1.061405429f};

    private Functional() {
    }

    /** The error function, to within 1.5e-7, composed of tensor ops (so it is differentiable on every backend). */
    public static Tensor erf(Tensor x) {
        Tensor ax = x.abs();
        Tensor t = ax.mul(P).add(1f).reciprocal();
        Tensor poly = t.mul(A[4]);
        for (int i = 3; i >= 0; i--) {
            poly = poly.add(A[i]).mul(t);
        }
        Tensor erfAbs = poly.mul(ax.square().neg().exp()).rsub(1f);
        return erfAbs.mul(x.sign());
    }

    /** Exact GELU: {@code 0.5·x·(1 + erf(x/√2))}. */
    public static Tensor gelu(Tensor x) {
        return x.mul(erf(x.mul((float) (1 / Math.sqrt(2)))).add(1f)).mul(0.5f);
    }

    /** GELU's tanh approximation: {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}. */
    public static Tensor geluTanh(Tensor x) {
        Tensor inner = x.add(x.pow(3f).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
        return x.mul(inner.tanh().add(1f)).mul(0.5f);
    }

    /** SiLU (swish): {@code x·σ(x)}. */
    public static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    /**
     * Inverted dropout: each element is zeroed with probability {@code p} and the survivors scaled by
     * {@code 1/(1-p)}, so that the expectation is unchanged; the mask is drawn from {@code rng}.
     */
    public static Tensor dropout(Tensor x, float p, UniformRandomProvider rng) {
        Dropout.checkProbability(p);
        if (p == 0f) {
            return x;
        }
        float keep = 1f - p;
        float scale = p == 1f ? 0f : 1f / keep;
        float[] mask = new float[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextFloat() < keep ? scale : 0f;
        }
        return x.mul(Tensor.of(x.backend(), mask, x.shape()));
    }
}
