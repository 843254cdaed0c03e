package org.jdive.gan.mixture;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;

/**
 * An equal-weight mixture of isotropic 2-D Gaussians sharing one standard deviation: the benchmarks of the
 * mode-collapse literature (Metz et al., "Unrolled GANs"; Srivastava et al., "VEEGAN"): {@link #ring} and
 * {@link #grid}.
 *
 * @param means one {@code [x, y]} per mode
 * @param sigma the standard deviation of every mode, per axis
 */
public record GaussianMixture(float[][] means, float sigma) {

    /**
     * Checks the modes and copies them.
     *
     * @throws IllegalArgumentException unless there is at least one mode, each a 2-D point, and {@code sigma} is finite
     *                                  and positive
     */
    public GaussianMixture {
        if (means.length == 0 || !(sigma > 0) || Float.isInfinite(sigma)) {
            throw new IllegalArgumentException("a mixture needs at least one mode and a finite sigma > 0, got "
                    + means.length + " modes and sigma " + sigma);
        }
        float[][] copy = new float[means.length][];
        for (int k = 0; k < means.length; k++) {
            if (means[k].length != 2) {
                throw new IllegalArgumentException("mode " + k + " must be a 2-D point, got " + Arrays.toString(means[k]));
            }
            copy[k] = means[k].clone();
        }
        means = copy;
    }

    /** {@code modes} Gaussians at angles {@code 2πk/modes} on a circle of {@code radius} (the 8-mode ring: 8, 2, 0.02). */
    public static GaussianMixture ring(int modes, float radius, float sigma) {
        if (modes <= 0 || !(radius > 0)) {
            throw new IllegalArgumentException("ring: need modes > 0 and radius > 0, got " + modes + " and " + radius);
        }
        float[][] m = new float[modes][];
        for (int k = 0; k < modes; k++) {
            double a = 2 * Math.PI * k / modes;
            m[k] = new float[] {(float) (radius * Math.cos(a)), (float) (radius * Math.sin(a))};
        }
        return new GaussianMixture(m, sigma);
    }

    /** The 8-mode ring of radius 2, σ = 0.02 (Metz et al.). */
    public static GaussianMixture ring8() {
        return ring(8, 2f, 0.02f);
    }

    /** Gaussians at {@code {-4, -2, 0, 2, 4}²}: {@code side = 5}, {@code spacing = 2} (the 25-mode grid, σ = 0.05). */
    public static GaussianMixture grid(int side, float spacing, float sigma) {
        if (side <= 0 || !(spacing > 0)) {
            throw new IllegalArgumentException("grid: need side > 0 and spacing > 0, got " + side + " and " + spacing);
        }
        float[][] m = new float[side * side][];
        float origin = -spacing * (side - 1) / 2f;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                m[i * side + j] = new float[] {origin + i * spacing, origin + j * spacing};
            }
        }
        return new GaussianMixture(m, sigma);
    }

    /** The 25-mode grid {@code {-4, -2, 0, 2, 4}²}, σ = 0.05. */
    public static GaussianMixture grid25() {
        return grid(5, 2f, 0.05f);
    }

    /** The number of Gaussians. */
    public int modes() {
        return means.length;
    }

    /** The mean of mode {@code k} (a copy). */
    public float[] mean(int k) {
        return means[k].clone();
    }

    /** {@code n} points, row after row ({@code [n, 2]}): a uniformly chosen mode, then its Gaussian. */
    public float[] sample(int n, UniformRandomProvider rng) {
        var gauss = Rng.gaussian(rng);
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            float[] m = means[rng.nextInt(means.length)];
            out[2 * i] = (float) (m[0] + sigma * gauss.sample());
            out[2 * i + 1] = (float) (m[1] + sigma * gauss.sample());
        }
        return out;
    }

    @Override
    public String toString() {
        return "GaussianMixture(" + means.length + " modes, sigma " + sigma + ")";
    }
}
