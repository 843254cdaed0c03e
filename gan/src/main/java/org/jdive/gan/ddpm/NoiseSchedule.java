package org.jdive.gan.ddpm;

/**
 * The forward process of a DDPM (Ho et al. 2020, §2 and §4): variances {@code β_1 … β_T}, {@code α_t = 1 - β_t} and
 * {@code ᾱ_t = α_1 ⋯ α_t}, so that {@code q(x_t | x_0) = N(√ᾱ_t x_0, (1 - ᾱ_t) I)}. Timesteps are indexed from 0 here
 * ({@code t = 0} is the paper's {@code t = 1}), as in the reference implementation; {@link #alphaBarBefore(int)} of
 * step 0 is 1 (the data itself). Computed in double precision once.
 */
public final class NoiseSchedule {

    private final double[] beta;
    private final double[] alphaBar;

    private NoiseSchedule(double[] beta) {
        this.beta = beta;
        alphaBar = new double[beta.length];
        double product = 1;
        for (int t = 0; t < beta.length; t++) {
            product *= 1 - beta[t];
            alphaBar[t] = product;
        }
    }

    /**
     * The paper's linear schedule: {@code T} variances evenly spaced from {@code betaStart} to {@code betaEnd}
     * (10⁻⁴ to 0.02 with {@code T = 1000} in Ho et al.).
     *
     * @throws IllegalArgumentException unless {@code T >= 1} and {@code 0 < betaStart <= betaEnd < 1}
     */
    public static NoiseSchedule linear(int steps, double betaStart, double betaEnd) {
        if (steps < 1 || !(betaStart > 0) || !(betaStart <= betaEnd) || !(betaEnd < 1)) {
            throw new IllegalArgumentException("a linear β schedule needs T >= 1 and 0 < β_start <= β_end < 1, got T = "
                    + steps + ", β from " + betaStart + " to " + betaEnd);
        }
        double[] beta = new double[steps];
        for (int t = 0; t < steps; t++) {
            beta[t] = steps == 1 ? betaStart : betaStart + (betaEnd - betaStart) * t / (steps - 1);
        }
        return new NoiseSchedule(beta);
    }

    /** The number of diffusion steps {@code T}. */
    public int steps() {
        return beta.length;
    }

    /** {@code β_t}. */
    public double beta(int t) {
        return beta[t];
    }

    /** {@code α_t = 1 - β_t}. */
    public double alpha(int t) {
        return 1 - beta[t];
    }

    /** {@code ᾱ_t = α_0 ⋯ α_t}. */
    public double alphaBar(int t) {
        return alphaBar[t];
    }

    /** {@code ᾱ_{t-1}}, 1 for {@code t = 0} (the data itself). */
    public double alphaBarBefore(int t) {
        return t == 0 ? 1 : alphaBar[t - 1];
    }

    /** The variance {@code β̃_t = (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · β_t} of the forward process posterior {@code q(x_{t-1} | x_t, x_0)}. */
    public double posteriorVariance(int t) {
        return (1 - alphaBarBefore(t)) / (1 - alphaBar[t]) * beta[t];
    }
}
