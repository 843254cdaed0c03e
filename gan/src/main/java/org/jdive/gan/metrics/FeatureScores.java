package org.jdive.gan.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores generated images in a feature space against a fixed real reference set: the {@link FrechetDistance} and the
 * {@link PrecisionRecall} of the generated features, each beside the same figure for a second, disjoint real set of the
 * same size (the {@code _real} figures), which is the best a generator can hope for with that many samples (the Fréchet
 * distance of finite samples is biased upwards, so its floor is not zero).
 */
public final class FeatureScores {

    /** Maps {@code count} images, one after another, to {@code count} feature vectors. */
    @FunctionalInterface
    public interface Extractor {
        /** The feature vectors of {@code count} images, one after another. */
        float[] features(float[] images, int count);
    }

    private final Extractor extractor;
    private final int dim;
    private final int count;
    private final float[] reference;
    private final Map<String, Double> floor;

    /**
     * @param extractor the feature map, e.g. {@link FeatureNet#features}
     * @param dim the length of its feature vectors
     * @param reference {@code count} real images, the set every generated set is compared with
     * @param other {@code count} further real images, disjoint from {@code reference}, for the floor
     * @param count the number of images in each set, and of generated images {@link #score} expects
     */
    public FeatureScores(Extractor extractor, int dim, float[] reference, float[] other, int count) {
        if (count <= PrecisionRecall.DEFAULT_K) {
            throw new IllegalArgumentException("scoring in feature space needs more than " + PrecisionRecall.DEFAULT_K
                    + " images per set (eval.samples), got " + count);
        }
        this.extractor = extractor;
        this.dim = dim;
        this.count = count;
        this.reference = extractor.features(reference, count);
        Map<String, Double> realScores = compare(extractor.features(other, count));
        floor = new LinkedHashMap<>();
        realScores.forEach((name, value) -> floor.put(name + "_real", value));
    }

    /** {@code fd}, {@code precision}, {@code recall} of {@code count} generated images, then the same for real data. */
    public Map<String, Double> score(float[] generated) {
        Map<String, Double> scores = compare(extractor.features(generated, count));
        scores.putAll(floor);
        return scores;
    }

    private Map<String, Double> compare(float[] features) {
        PrecisionRecall.Result pr = PrecisionRecall.of(reference, features, dim, PrecisionRecall.DEFAULT_K);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("fd", FrechetDistance.between(reference, features, dim));
        m.put("precision", pr.precision());
        m.put("recall", pr.recall());
        return m;
    }
}
