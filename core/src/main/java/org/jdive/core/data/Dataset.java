package org.jdive.core.data;

import java.util.Arrays;

/**
 * Indexed examples of fixed shapes, as PyTorch's map-style {@code Dataset}: example {@code i} is a feature
 * array of {@link #featureShape()} and a target array of {@link #targetShape()} (empty for a scalar such as
 * a class index). A {@link DataLoader} copies examples straight into batch arrays.
 */
public interface Dataset {

    /** The number of examples. */
    int size();

    /** The shape of every example's features, e.g. {@code [1, 28, 28]} for MNIST. */
    int[] featureShape();

    /** The target's shape; {@code []} for one number per example (a class index or a regression value). */
    int[] targetShape();

    /** Copies the features of example {@code index} into {@code dst} from {@code offset}. */
    void copyFeatures(int index, float[] dst, int offset);

    /** Copies the target of example {@code index} into {@code dst} from {@code offset}. */
    void copyTarget(int index, float[] dst, int offset);

    /** Examples {@code [from, to)} of this dataset, without copying. */
    default Dataset range(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside a dataset of " + size());
        }
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return subset(indices);
    }

    /** The examples at {@code indices}, in that order, without copying. */
    default Dataset subset(int[] indices) {
        Dataset base = this;
        int[] idx = indices.clone();
        for (int i : idx) {
            if (i < 0 || i >= base.size()) {
                throw new IllegalArgumentException("index " + i + " is outside a dataset of " + base.size());
            }
        }
        return new Dataset() {
            @Override public int size() { return idx.length; }
            @Override public int[] featureShape() { return base.featureShape(); }
            @Override public int[] targetShape() { return base.targetShape(); }
            @Override public void copyFeatures(int index, float[] dst, int offset) { base.copyFeatures(idx[index], dst, offset); }
            @Override public void copyTarget(int index, float[] dst, int offset) { base.copyTarget(idx[index], dst, offset); }
        };
    }
}
