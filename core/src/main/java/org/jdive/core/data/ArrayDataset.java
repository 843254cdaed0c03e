package org.jdive.core.data;

import java.util.Arrays;

/** A dataset held in two host arrays: features {@code [N, featureShape...]} and targets {@code [N, targetShape...]}. */
public final class ArrayDataset implements Dataset {

    private final float[] features;
    private final int[] featureShape;
    private final int featureSize;
    private final float[] targets;
    private final int[] targetShape;
    private final int targetSize;
    private final int size;

    /**
     * @param features     {@code size·Π featureShape} values, example after example
     * @param targets      {@code size·Π targetShape} values, example after example
     */
    public ArrayDataset(float[] features, int[] featureShape, float[] targets, int[] targetShape) {
        this.featureShape = featureShape.clone();
        this.targetShape = targetShape.clone();
        this.featureSize = product(featureShape);
        this.targetSize = product(targetShape);
        if (featureSize == 0 || features.length % featureSize != 0) {
            throw new IllegalArgumentException(features.length + " feature values do not split into examples of shape "
                    + Arrays.toString(featureShape));
        }
        this.size = features.length / featureSize;
        if (targets.length != (long) size * targetSize) {
            throw new IllegalArgumentException(size + " examples with targets of shape " + Arrays.toString(targetShape)
                    + " need " + (long) size * targetSize + " target values, got " + targets.length);
        }
        this.features = features;
        this.targets = targets;
    }

    private static int product(int[] shape) {
        int n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] featureShape() {
        return featureShape.clone();
    }

    @Override
    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        System.arraycopy(features, checked(index) * featureSize, dst, offset, featureSize);
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        System.arraycopy(targets, checked(index) * targetSize, dst, offset, targetSize);
    }

    private int checked(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("example " + index + " of a dataset of " + size);
        }
        return index;
    }
}
