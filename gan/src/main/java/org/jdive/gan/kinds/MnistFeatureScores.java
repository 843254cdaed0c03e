package org.jdive.gan.kinds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.jdive.core.Rng;
import org.jdive.core.data.Dataset;
import org.jdive.gan.data.ImageDatasets;
import org.jdive.gan.metrics.FeatureNet;
import org.jdive.gan.metrics.FeatureScores;

/**
 * {@code eval.features: lenet} for MNIST: generated digits scored in the feature space of a {@link FeatureNet} trained on
 * the MNIST files themselves (all but the last 1,000 digits, which measure its accuracy), against real digits.
 *
 * <p>The network's seed and the real reference sets are fixed, not the scenario's, so that every run, seed and model
 * is measured with the same ruler and their numbers stand side by side in a suite's table. The weights are cached
 * in {@code $XDG_CACHE_HOME/jdive/feature-nets} (else {@code ~/.cache/jdive/feature-nets}): they are derived data,
 * rebuilt in a minute or two when missing, shared by every run on the machine, and kept out of the data folders,
 * which may be read-only (an installation, {@code /usr/share/datasets}).
 */
final class MnistFeatureScores {

    /** The ruler's seed: the feature network's training and the choice of real reference digits. */
    private static final long RULER_SEED = 0;
    private static final int HELD_OUT = 1000;

    private final FeatureNet net;
    private final FeatureScores scores;
    private final double accuracy;
    private final int count;

    private MnistFeatureScores(FeatureNet net, FeatureScores scores, double accuracy, int count) {
        this.net = net;
        this.scores = scores;
        this.accuracy = accuracy;
        this.count = count;
    }

    /** Loads (or trains and caches) the network for the IDX files given and picks two real sets of {@code count} digits. */
    static MnistFeatureScores load(Path images, Path labels, int count) throws IOException {
        Dataset digits = ImageDatasets.mnist(images, labels, FeatureNet.SIDE);
        int n = digits.size();
        if (n <= HELD_OUT + 2 * count) {
            throw new IllegalArgumentException("eval.features: lenet needs more than " + (HELD_OUT + 2 * count)
                    + " MNIST digits (1,000 held out and twice eval.samples), the files hold " + n);
        }
        FeatureNet net = FeatureNet.cached(digits.range(0, n - HELD_OUT), RULER_SEED, cacheFolder());
        double accuracy = net.accuracy(digits.range(n - HELD_OUT, n));
        UniformRandomProvider rng = Rng.split(RULER_SEED, "feature-reference");
        int[] order = PermutationSampler.natural(n);
        PermutationSampler.shuffle(rng, order);
        float[] reference = pixels(digits, order, 0, count);
        float[] other = pixels(digits, order, count, count);
        return new MnistFeatureScores(net, new FeatureScores(net::features, FeatureNet.FEATURES, reference, other, count),
                accuracy, count);
    }

    /** The number of generated images {@link #score} expects. */
    int count() {
        return count;
    }

    /** The scores of {@code count} generated single-channel images of {@code side × side}, and the network's accuracy. */
    Map<String, Double> score(float[] generated, int side) {
        Map<String, Double> m = new LinkedHashMap<>(scores.score(FeatureNet.toInput(generated, count, side)));
        m.put("feature_net_accuracy", accuracy);
        return m;
    }

    /**
     * The share of generated single-channel images of {@code side × side} that the network classifies as the class
     * they were generated for, {@code labels[i]} for image {@code i}: a conditional generator's label adherence.
     */
    double labelAccuracy(float[] generated, int side, int[] labels) {
        return net.agreement(FeatureNet.toInput(generated, labels.length, side), labels);
    }

    private static float[] pixels(Dataset digits, int[] order, int from, int count) {
        int size = FeatureNet.SIDE * FeatureNet.SIDE;
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) {
            digits.copyFeatures(order[from + i], out, i * size);
        }
        return out;
    }

    private static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jdive").resolve("feature-nets");
    }
}
