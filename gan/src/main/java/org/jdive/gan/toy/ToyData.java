package org.jdive.gan.toy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;

/**
 * D2L 20.1's data: {@code X·A + b} for {@code X} drawn from {@code N(0, I)}, a Gaussian with mean {@code b} and
 * covariance {@code AᵀA}.
 */
public final class ToyData {

    /** D2L's {@code A = [[1, 2], [-0.1, 0.5]]}. */
    public static final float[][] A = {{1f, 2f}, {-0.1f, 0.5f}};
    /** D2L's {@code b = [1, 2]}. */
    public static final float[] B = {1f, 2f};
    /** D2L's number of points. */
    public static final int SIZE = 1000;

    private ToyData() {
    }

    /** {@code n} points, row after row ({@code [n, 2]}). */
    public static float[] sample(int n, UniformRandomProvider rng) {
        var gauss = Rng.gaussian(rng);
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            float x0 = (float) gauss.sample();
            float x1 = (float) gauss.sample();
            out[2 * i] = x0 * A[0][0] + x1 * A[1][0] + B[0];
            out[2 * i + 1] = x0 * A[0][1] + x1 * A[1][1] + B[1];
        }
        return out;
    }

    /** The true covariance {@code AᵀA}. */
    public static double[][] covariance() {
        double[][] c = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 2; k++) {
                    c[i][j] += (double) A[k][i] * A[k][j];
                }
            }
        }
        return c;
    }
}
