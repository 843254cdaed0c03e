package org.jdive.gan.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.jdive.gan.Moments;

/**
 * The Fréchet distance between two sets of feature vectors, each summarised by a Gaussian (the FID of Heusel et
 * al. 2017, in whatever feature space the caller chose):
 * {@code ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2})}, the squared 2-Wasserstein distance between the Gaussians.
 *
 * <p>{@code Σ₁Σ₂} is not symmetric, so its square root is not taken directly (as {@code scipy.linalg.sqrtm}
 * does, which can return complex noise for near-singular covariances). It has the same eigenvalues as the
 * symmetric positive semi-definite {@code Σ₁^{1/2} Σ₂ Σ₁^{1/2}}, so {@code Tr (Σ₁Σ₂)^{1/2}} is the sum of the square
 * roots of that matrix's eigenvalues; two symmetric eigendecompositions give it, with eigenvalues that rounding
 * pushes below zero clamped to zero.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** The distance between the Gaussians fitted (mean, unbiased covariance) to {@code x} and {@code y}, sets of {@code dim}-vectors. */
    public static double between(float[] x, float[] y, int dim) {
        return between(Moments.of(x, dim), Moments.of(y, dim));
    }

    /** The distance between the Gaussians {@code N(a.mean, a.covariance)} and {@code N(b.mean, b.covariance)}. */
    public static double between(Moments a, Moments b) {
        int dim = a.mean().length;
        if (b.mean().length != dim) {
            throw new IllegalArgumentException("the two Gaussians live in " + dim + " and " + b.mean().length + " dimensions");
        }
        double meanTerm = 0;
        for (int i = 0; i < dim; i++) {
            double d = a.mean()[i] - b.mean()[i];
            meanTerm += d * d;
        }
        double traces = 0;
        for (int i = 0; i < dim; i++) {
            traces += a.covariance()[i][i] + b.covariance()[i][i];
        }
        return meanTerm + traces - 2 * traceOfSqrtProduct(a.covariance(), b.covariance());
    }

    /** {@code Tr (Σ₁Σ₂)^{1/2}} for symmetric positive semi-definite {@code Σ₁}, {@code Σ₂}, through the symmetric form. */
    static double traceOfSqrtProduct(double[][] sigma1, double[][] sigma2) {
        RealMatrix root1 = sqrtSymmetric(new Array2DRowRealMatrix(sigma1, false));
        RealMatrix middle = root1.multiply(new Array2DRowRealMatrix(sigma2, false)).multiply(root1);
        double trace = 0;
        for (double lambda : new EigenDecomposition(symmetrized(middle)).getRealEigenvalues()) {
            trace += Math.sqrt(Math.max(lambda, 0));
        }
        return trace;
    }

    /** {@code V diag(√max(λ, 0)) Vᵀ} for the eigendecomposition {@code V diag(λ) Vᵀ} of the symmetric {@code m}. */
    static RealMatrix sqrtSymmetric(RealMatrix m) {
        EigenDecomposition eigen = new EigenDecomposition(symmetrized(m));
        RealMatrix v = eigen.getV();
        double[] lambda = eigen.getRealEigenvalues();
        RealMatrix scaled = v.copy();
        for (int j = 0; j < lambda.length; j++) {
            double root = Math.sqrt(Math.max(lambda[j], 0));
            for (int i = 0; i < lambda.length; i++) {
                scaled.multiplyEntry(i, j, root);
            }
        }
        return scaled.multiply(v.transpose());
    }

    /** {@code (m + mᵀ) / 2}: removes the asymmetry rounding leaves, which the symmetric solver would otherwise refuse. */
    private static RealMatrix symmetrized(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }
}
