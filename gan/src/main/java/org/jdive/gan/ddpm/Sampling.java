package org.jdive.gan.ddpm;

/**
 * How to run the reverse process: Ho et al.'s ancestral sampler over all {@code T} steps, or DDIM (Song et al. 2021)
 * over {@code steps} evenly spaced timesteps with stochasticity {@code eta} (0: deterministic). With {@code clip}, each
 * step clips its estimate of {@code x_0} to the data's range [-1, 1] before using it, as Ho et al.'s reference code
 * ({@code clip_denoised}) and diffusers' schedulers ({@code clip_sample}) do; without, the steps are the papers'
 * equations as written.
 *
 * @param method   {@link Method#DDPM} or {@link Method#DDIM}
 * @param steps    DDIM's number of timesteps, 1 to T; ignored by the ancestral sampler, which takes all T
 * @param eta      DDIM's η ≥ 0; ignored by the ancestral sampler
 * @param variance the ancestral sampler's {@code σ_t²}; ignored by DDIM
 * @param clip     whether each step clips its {@code x̂_0} to [-1, 1]
 */
public record Sampling(Method method, int steps, double eta, Variance variance, boolean clip) {

    /** The sampler. */
    public enum Method {
        /** Ancestral sampling, Ho et al.'s Algorithm 2. */
        DDPM,
        /** Denoising diffusion implicit models' update on a subsequence of timesteps. */
        DDIM
    }

    /** The ancestral sampler's noise variance (Ho et al. found both give similar samples). */
    public enum Variance {
        /** {@code σ_t² = β_t}, the paper's choice for Algorithm 2. */
        BETA,
        /** {@code σ_t² = β̃_t}, the forward process posterior's variance. */
        POSTERIOR
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if {@code steps < 1} or {@code eta} is negative or not a number
     */
    public Sampling {
        if (steps < 1 || !(eta >= 0)) {
            throw new IllegalArgumentException("sampling needs steps >= 1 and eta >= 0, got steps " + steps + ", eta " + eta);
        }
    }

    /** Algorithm 2 with {@code σ_t² = β_t}, clipping {@code x̂_0} or not. */
    public static Sampling ancestral(boolean clip) {
        return new Sampling(Method.DDPM, 1, 0, Variance.BETA, clip);
    }

    /** DDIM over {@code steps} timesteps with the given η, clipping {@code x̂_0} or not. */
    public static Sampling ddim(int steps, double eta, boolean clip) {
        return new Sampling(Method.DDIM, steps, eta, Variance.BETA, clip);
    }
}
