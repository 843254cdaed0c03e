package org.jdive.gan.metrics;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;

/**
 * Distances between a set of real and a set of generated examples that need no pre-trained network, computed
 * on the raw values (pixels): the kernel MMD with the cubic polynomial kernel of KID (Bińkowski et al.) and the
 * sliced Wasserstein distance. Each set is {@code n} examples of {@code dim} values, example after example.
 */
public final class SampleDistances {

    private SampleDistances() {
    }

    /**
     * The unbiased estimate of the squared MMD with {@code k(a, b) = (aᵀb / dim + 1)³}:
     * {@code mean_{i≠j} k(xᵢ, xⱼ) + mean_{i≠j} k(yᵢ, yⱼ) - 2 mean_{i,j} k(xᵢ, yⱼ)}. Zero in expectation when both
     * sets come from one distribution (so it can be slightly negative).
     */
    public static double mmdPolynomial(float[] x, float[] y, int dim) {
        int n = count(x, dim, "x");
        int m = count(y, dim, "y");
        if (n < 2 || m < 2) {
            throw new IllegalArgumentException("the unbiased MMD needs at least two examples per set, got " + n + " and " + m);
        }
        double xx = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                xx += 2 * kernel(x, i, x, j, dim);
            }
        }
        double yy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                yy += 2 * kernel(y, i, y, j, dim);
            }
        }
        double xy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                xy += kernel(x, i, y, j, dim);
            }
        }
        return xx / ((double) n * (n - 1)) + yy / ((double) m * (m - 1)) - 2 * xy / ((double) n * m);
    }

    private static double kernel(float[] a, int i, float[] b, int j, int dim) {
        double dot = 0;
        int ai = i * dim;
        int bj = j * dim;
        for (int k = 0; k < dim; k++) {
            dot += a[ai + k] * b[bj + k];
        }
        double t = dot / dim + 1;
        return t * t * t;
    }

    /**
     * The sliced 1-Wasserstein distance over {@code projections} random unit directions drawn from {@code rng}:
     * the mean, over directions, of the 1-Wasserstein distance between the two projected sets (for sets of
     * equal size, the mean absolute difference of their sorted projections).
     */
    public static double slicedWasserstein(float[] x, float[] y, int dim, int projections, UniformRandomProvider rng) {
        int n = count(x, dim, "x");
        if (count(y, dim, "y") != n || n == 0) {
            throw new IllegalArgumentException("the sliced Wasserstein distance here needs two non-empty sets of equal size, got "
                    + n + " and " + y.length / dim);
        }
        if (projections <= 0) {
            throw new IllegalArgumentException("projections must be positive, got " + projections);
        }
        var gauss = Rng.gaussian(rng);
        double[] dir = new double[dim];
        double[] px = new double[n];
        double[] py = new double[n];
        double total = 0;
        for (int p = 0; p < projections; p++) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                dir[k] = gauss.sample();
                norm += dir[k] * dir[k];
            }
            norm = Math.sqrt(norm);
            project(x, dir, norm, px, dim);
            project(y, dir, norm, py, dim);
            Arrays.sort(px);
            Arrays.sort(py);
            double d = 0;
            for (int i = 0; i < n; i++) {
                d += Math.abs(px[i] - py[i]);
            }
            total += d / n;
        }
        return total / projections;
    }

    private static void project(float[] v, double[] dir, double norm, double[] out, int dim) {
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += v[i * dim + k] * dir[k];
            }
            out[i] = s / norm;
        }
    }

    private static int count(float[] v, int dim, String name) {
        if (dim <= 0 || v.length % dim != 0) {
            throw new IllegalArgumentException(name + ": " + v.length + " values do not split into examples of " + dim);
        }
        return v.length / dim;
    }
}
