package org.jdive.gan;

/** The sample mean and (unbiased) covariance of points in {@code d} dimensions. */
public record Moments(double[] mean, double[][] covariance) {

    /** The moments of {@code points}, {@code n} rows of {@code dim} values, row after row. */
    public static Moments of(float[] points, int dim) {
        if (dim <= 0 || points.length % dim != 0 || points.length / dim < 2) {
            throw new IllegalArgumentException("need at least two points of " + dim + " values, got " + points.length + " values");
        }
        int n = points.length / dim;
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += points[i * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= n;
        }
        double[][] cov = new double[dim][dim];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dim; a++) {
                double da = points[i * dim + a] - mean[a];
                for (int b = 0; b < dim; b++) {
                    cov[a][b] += da * (points[i * dim + b] - mean[b]);
                }
            }
        }
        for (double[] row : cov) {
            for (int b = 0; b < dim; b++) {
                row[b] /= n - 1;
            }
        }
        return new Moments(mean, cov);
    }
}
