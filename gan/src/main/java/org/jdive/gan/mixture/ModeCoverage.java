package org.jdive.gan.mixture;

/**
 * The standard sample-quality metric for mixtures of Gaussians (Metz et al.; Srivastava et al.): a sample is of
 * <em>high quality</em> when it lies within {@code 3σ} (Euclidean distance) of its nearest mode; a mode is
 * <em>captured</em> when it is the nearest mode of at least one high-quality sample. The literature reports
 * both over 2,500 generated samples ({@link #STANDARD_SAMPLES}).
 *
 * @param samples     how many samples were scored
 * @param highQuality how many were within 3σ of their nearest mode
 * @param perMode     how many high-quality samples each mode is nearest to
 */
public record ModeCoverage(int samples, int highQuality, int[] perMode) {

    /** The number of generated samples the literature scores. */
    public static final int STANDARD_SAMPLES = 2500;

    /** Scores {@code points} (row after row, {@code [n, 2]}) against {@code mixture}'s modes. */
    public static ModeCoverage of(GaussianMixture mixture, float[] points) {
        if (points.length % 2 != 0 || points.length == 0) {
            throw new IllegalArgumentException("points must be a non-empty [n, 2] array, got " + points.length + " values");
        }
        int n = points.length / 2;
        double limit = 3.0 * mixture.sigma();
        int[] perMode = new int[mixture.modes()];
        int high = 0;
        for (int i = 0; i < n; i++) {
            double px = points[2 * i];
            double py = points[2 * i + 1];
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < mixture.modes(); k++) {
                float[] m = mixture.means()[k];
                double d = Math.hypot(px - m[0], py - m[1]);
                if (d < best) {
                    best = d;
                    nearest = k;
                }
            }
            if (best <= limit) {
                high++;
                perMode[nearest]++;
            }
        }
        return new ModeCoverage(n, high, perMode);
    }

    /** The number of modes nearest to at least one high-quality sample. */
    public int modesCaptured() {
        int c = 0;
        for (int count : perMode) {
            if (count > 0) {
                c++;
            }
        }
        return c;
    }

    /** The number of modes of the mixture scored against. */
    public int modes() {
        return perMode.length;
    }

    /** The fraction of samples of high quality. */
    public double highQualityFraction() {
        return (double) highQuality / samples;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "modes %d/%d, high-quality %.1f%% of %d", modesCaptured(), modes(),
                100 * highQualityFraction(), samples);
    }
}
