package org.jdive.gan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;

/** Latent noise: standard normal samples {@code [n, latentShape...]} on a backend. */
public final class Noise {

    private Noise() {
    }

    /** {@code n} latent vectors of {@code latentShape} ({@code [d]} for an MLP, {@code [d, 1, 1]} for DCGAN). */
    public static Tensor sample(UniformRandomProvider rng, Backend backend, int n, int... latentShape) {
        int[] shape = new int[latentShape.length + 1];
        shape[0] = n;
        int size = n;
        for (int i = 0; i < latentShape.length; i++) {
            if (latentShape[i] <= 0) {
                throw new IllegalArgumentException("latent dimensions must be positive, got "
                        + java.util.Arrays.toString(latentShape));
            }
            shape[i + 1] = latentShape[i];
            size *= latentShape[i];
        }
        var gauss = Rng.gaussian(rng);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) gauss.sample();
        }
        return Tensor.of(backend, values, shape);
    }
}
