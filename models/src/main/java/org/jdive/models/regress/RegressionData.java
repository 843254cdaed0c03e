package org.jdive.models.regress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.jdive.core.Rng;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.data.Dataset;

/**
 * The data sets of D2L's regression chapters: examples of features {@code [d]} and a target {@code [1]}.
 *
 * @param train      the examples that train
 * @param validation the examples that validate; null where the book has none (airfoil: chapter 12 studies the
 *                   optimisation of the training loss)
 * @param weight     the generating weight {@code w*} of a synthetic set, null for measured data
 * @param bias       the generating bias {@code b*} of a synthetic set, NaN for measured data
 */
public record RegressionData(Dataset train, Dataset validation, float[] weight, float bias) {

    /** The training examples of {@link #synthetic} (as many validate). */
    public static final int SYNTHETIC_TRAIN = 1000;
    /** The training examples of {@link #highDimensional} (100 validate). */
    public static final int HIGH_DIMENSIONAL_TRAIN = 20;

    /**
     * D2L 3.3's {@code SyntheticRegressionData(w=[2, −3.4], b=4.2)}: 1,000 training and 1,000 validation examples,
     * features drawn from N(0, 1), noise σ = 0.01.
     */
    public static RegressionData synthetic(long seed) {
        return linear(new float[] {2f, -3.4f}, 4.2f, 0.01f, SYNTHETIC_TRAIN, SYNTHETIC_TRAIN, Rng.split(seed, "data"));
    }

    /**
     * D2L 3.7's data for weight decay: 200 dimensions and only 20 training examples (100 validate), {@code w* = 0.01·1},
     * {@code b* = 0.05}, noise σ = 0.01: a linear model overfits it.
     */
    public static RegressionData highDimensional(long seed) {
        float[] w = new float[200];
        Arrays.fill(w, 0.01f);
        return linear(w, 0.05f, 0.01f, HIGH_DIMENSIONAL_TRAIN, 100, Rng.split(seed, "data"));
    }

    /**
     * {@code y = X·w + b + ε} with {@code X} and {@code ε/noise} standard normal, drawn as D2L draws them: all of
     * {@code X} first, then the noise; the first {@code train} examples train, the next {@code validation} validate.
     */
    public static RegressionData linear(float[] w, float b, float noise, int train, int validation,
                                        UniformRandomProvider rng) {
        int n = train + validation;
        int d = w.length;
        ZigguratSampler.NormalizedGaussian normal = Rng.gaussian(rng);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) normal.sample();
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < d; j++) {
                dot += (double) x[i * d + j] * w[j];
            }
            y[i] = (float) (dot + b);
        }
        for (int i = 0; i < n; i++) {
            y[i] += (float) (normal.sample() * noise);
        }
        ArrayDataset all = new ArrayDataset(x, new int[] {d}, y, new int[] {1});
        return new RegressionData(all.range(0, train), all.range(train, n), w.clone(), b);
    }

    /** D2L 12.5's {@code get_data_ch11}: {@link Airfoil}'s 1,500 standardised rows, all of them training. */
    public static RegressionData airfoil(Path file) throws IOException {
        return new RegressionData(Airfoil.load(file), null, null, Float.NaN);
    }

    /** The number of features. */
    public int features() {
        return train.featureShape()[0];
    }

    /** Whether the generating parameters are known (a synthetic set). */
    public boolean synthetic() {
        return weight != null;
    }
}
