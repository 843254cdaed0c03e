package org.jdive.gan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.gan.Moments;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void oneDimensionIsTheSquaredShiftPlusTheSquaredDifferenceOfDeviations() {
        // N(1, 2²) vs N(3, 1²): (1 − 3)² + (2 − 1)².
        Moments a = new Moments(new double[] {1}, new double[][] {{4}});
        Moments b = new Moments(new double[] {3}, new double[][] {{1}});
        assertEquals(5.0, FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void diagonalCovariancesGiveTheSumOverAxes() {
        // Commuting: Tr (Σ₁Σ₂)^{1/2} = Σ √(aᵢbᵢ) = √4 + √16 + √9 = 9; Tr Σ₁ + Tr Σ₂ = 14 + 9.
        Moments a = new Moments(new double[] {0, 1, 2}, diagonal(1, 4, 9));
        Moments b = new Moments(new double[] {1, 1, 0}, diagonal(4, 4, 1));
        assertEquals(1 + 0 + 4 + 23 - 2 * 9, FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void nonCommutingCovariancesMatchTheTwoByTwoClosedForm() {
        // Σ₁Σ₂ = [[2, 3], [1, 6]] is not symmetric. For a 2×2 matrix with positive eigenvalues,
        // Tr A^{1/2} = √λ₁ + √λ₂ = √(Tr A + 2√det A): here √(8 + 2·√(3·3)) = √14.
        double[][] sigma1 = {{2, 1}, {1, 2}};
        double[][] sigma2 = {{1, 0}, {0, 3}};
        assertEquals(Math.sqrt(14), FrechetDistance.traceOfSqrtProduct(sigma1, sigma2), 1e-12);
        Moments a = new Moments(new double[] {1, 0}, sigma1);
        Moments b = new Moments(new double[] {0, 0}, sigma2);
        assertEquals(1 + 4 + 4 - 2 * Math.sqrt(14), FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void aSingularCovarianceIsHandled() {
        // Σ₁ = [[1, 1], [1, 1]] has rank 1 (eigenvalues 2 and 0); with Σ₂ = I, Tr (Σ₁Σ₂)^{1/2} = √2.
        Moments a = new Moments(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}});
        Moments b = new Moments(new double[] {0, 0}, diagonal(1, 1));
        assertEquals(2 + 2 - 2 * Math.sqrt(2), FrechetDistance.between(a, b), 1e-12);
    }

    @Test
    void aSetIsAtDistanceZeroFromItselfAndTheDistanceIsSymmetric() {
        UniformRandomProvider rng = Rng.seeded(3);
        int dim = 12;
        float[] x = relu(gaussian(400, dim, rng));
        float[] y = relu(gaussian(400, dim, rng));
        assertEquals(0, FrechetDistance.between(x, x, dim), 1e-9);
        double xy = FrechetDistance.between(x, y, dim);
        assertTrue(xy > 0.01, "two samples differ: " + xy);
        assertEquals(xy, FrechetDistance.between(y, x, dim), 1e-9);
    }

    @Test
    void estimatesFromSamplesConvergeToTheClosedForm() {
        // x ~ N((1, 0), [[2, 1], [1, 2]]) by its Cholesky factor, y ~ N(0, diag(1, 3)): FD = 1 + 8 − 2√14.
        double exact = 9 - 2 * Math.sqrt(14);
        double[][] chol1 = {{Math.sqrt(2), 0}, {1 / Math.sqrt(2), Math.sqrt(1.5)}};
        double[][] chol2 = {{1, 0}, {0, Math.sqrt(3)}};
        UniformRandomProvider rng = Rng.seeded(11);
        double small = Math.abs(FrechetDistance.between(sample(200, new double[] {1, 0}, chol1, rng),
                sample(200, new double[2], chol2, rng), 2) - exact);
        double large = Math.abs(FrechetDistance.between(sample(100_000, new double[] {1, 0}, chol1, rng),
                sample(100_000, new double[2], chol2, rng), 2) - exact);
        assertTrue(large < 0.02, "100,000 samples: off by " + large);
        assertTrue(small > large, "200 samples should be further off (" + small + ") than 100,000 (" + large + ")");
    }

    @Test
    void gaussiansOfDifferentDimensionsAreRefused() {
        Moments a = new Moments(new double[] {0}, diagonal(1));
        Moments b = new Moments(new double[] {0, 0}, diagonal(1, 1));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
    }

    private static double[][] diagonal(double... values) {
        double[][] m = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            m[i][i] = values[i];
        }
        return m;
    }

    private static float[] gaussian(int n, int dim, UniformRandomProvider rng) {
        var g = Rng.gaussian(rng);
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) g.sample();
        }
        return v;
    }

    /** Non-negative features with many exact zeros, like a ReLU layer's: their covariance is badly conditioned. */
    private static float[] relu(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(v[i] - 1f, 0f);
        }
        return v;
    }

    private static float[] sample(int n, double[] mean, double[][] chol, UniformRandomProvider rng) {
        var g = Rng.gaussian(rng);
        int dim = mean.length;
        float[] out = new float[n * dim];
        double[] z = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                z[d] = g.sample();
            }
            for (int r = 0; r < dim; r++) {
                double s = mean[r];
                for (int c = 0; c <= r; c++) {
                    s += chol[r][c] * z[c];
                }
                out[i * dim + r] = (float) s;
            }
        }
        return out;
    }
}
