package org.jdive.gan.ddpm;

import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;

/**
 * The Transformer's sinusoidal position encoding applied to diffusion timesteps (Ho et al. 2020, appendix B): for
 * {@code dim = 2h}, timestep {@code t} maps to {@code [sin(t·f_0), …, sin(t·f_{h-1}), cos(t·f_0), …, cos(t·f_{h-1})]}
 * with frequencies {@code f_i = 10000^(-i / (h - 1))}, as the reference implementation's {@code get_timestep_embedding}.
 */
final class TimestepEmbedding {

    private TimestepEmbedding() {
    }

    /** The embeddings {@code [t.length, dim]} of timesteps {@code t}, on {@code backend}; {@code dim} even and >= 4. */
    static Tensor sinusoidal(Backend backend, int[] t, int dim) {
        if (dim % 2 != 0 || dim < 4) {
            throw new IllegalArgumentException("the timestep embedding needs an even size of at least 4, got " + dim);
        }
        int half = dim / 2;
        float[] values = new float[t.length * dim];
        for (int n = 0; n < t.length; n++) {
            for (int i = 0; i < half; i++) {
                double angle = t[n] * Math.exp(-Math.log(10000) * i / (half - 1));
                values[n * dim + i] = (float) Math.sin(angle);
                values[n * dim + half + i] = (float) Math.cos(angle);
            }
        }
        return Tensor.of(backend, values, t.length, dim);
    }
}
