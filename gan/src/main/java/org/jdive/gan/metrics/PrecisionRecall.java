package org.jdive.gan.metrics;

import java.util.Arrays;

/**
 * Improved precision and recall of Kynkäänniemi et al. (2019): each set of feature vectors stands for a manifold,
 * the union of balls around its points whose radius is the distance to the point's {@code k}-th nearest neighbour
 * in the same set. Precision is the share of generated points inside the real manifold (are the samples
 * realistic?), recall the share of real points inside the generated manifold (is all of the data covered?).
 */
public final class PrecisionRecall {

    /** The paper's neighbourhood size. */
    public static final int DEFAULT_K = 3;

    /** Both shares, each in [0, 1]. */
    public record Result(double precision, double recall) {
    }

    private PrecisionRecall() {
    }

    /** Precision and recall of {@code generated} against {@code real}, sets of {@code dim}-vectors, with {@code k} neighbours. */
    public static Result of(float[] real, float[] generated, int dim, int k) {
        int n = count(real, dim, "real");
        int m = count(generated, dim, "generated");
        if (k < 1 || k >= Math.min(n, m)) {
            throw new IllegalArgumentException("k must be at least 1 and below both set sizes (" + n + " real, " + m
                    + " generated), got " + k);
        }
        double[][] realToRealSq = squaredDistances(real, real, dim);
        double[][] genToGenSq = squaredDistances(generated, generated, dim);
        double[][] genToRealSq = squaredDistances(generated, real, dim);
        double[] realRadiusSq = kthNeighbour(realToRealSq, k);
        double[] genRadiusSq = kthNeighbour(genToGenSq, k);
        int realistic = 0;
        for (int g = 0; g < m; g++) {
            if (insideAny(genToRealSq[g], realRadiusSq)) {
                realistic++;
            }
        }
        int covered = 0;
        double[] column = new double[m];
        for (int r = 0; r < n; r++) {
            for (int g = 0; g < m; g++) {
                column[g] = genToRealSq[g][r];
            }
            if (insideAny(column, genRadiusSq)) {
                covered++;
            }
        }
        return new Result(realistic / (double) m, covered / (double) n);
    }

    /** Whether some centre {@code j} has {@code distSq[j] ≤ radiusSq[j]}. */
    private static boolean insideAny(double[] distSq, double[] radiusSq) {
        for (int j = 0; j < distSq.length; j++) {
            if (distSq[j] <= radiusSq[j]) {
                return true;
            }
        }
        return false;
    }

    /** Each row's squared distance to its {@code k}-th nearest other point (the zero to itself is skipped). */
    private static double[] kthNeighbour(double[][] selfSq, int k) {
        double[] radius = new double[selfSq.length];
        for (int i = 0; i < selfSq.length; i++) {
            double[] row = selfSq[i].clone();
            Arrays.sort(row);
            radius[i] = row[k];
        }
        return radius;
    }

    private static double[][] squaredDistances(float[] a, float[] b, int dim) {
        int n = a.length / dim;
        int m = b.length / dim;
        double[][] d = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int c = 0; c < dim; c++) {
                    double diff = (double) a[i * dim + c] - b[j * dim + c];
                    s += diff * diff;
                }
                d[i][j] = s;
            }
        }
        return d;
    }

    private static int count(float[] v, int dim, String name) {
        if (dim <= 0 || v.length % dim != 0) {
            throw new IllegalArgumentException(name + ": " + v.length + " values do not split into vectors of " + dim);
        }
        return v.length / dim;
    }
}
