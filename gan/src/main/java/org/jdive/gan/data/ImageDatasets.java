package org.jdive.gan.data;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.data.Dataset;
import org.jdive.core.data.Mnist;

/** Image datasets for GANs: features {@code [C, S, S]} in [-1, 1], the range of a tanh generator. */
public final class ImageDatasets {

    private ImageDatasets() {
    }

    /**
     * The MNIST digits of a pair of IDX files at {@code size × size} (28: as stored; other sizes: resized
     * bilinearly, as torchvision's {@code Resize}), scaled to [-1, 1].
     */
    public static Dataset mnist(Path images, Path labels, int size) throws IOException {
        ArrayDataset digits = Mnist.load(images, labels);
        int n = digits.size();
        int[] shape = digits.featureShape();
        int h = shape[1];
        int w = shape[2];
        float[] src = new float[h * w];
        float[] out = new float[n * size * size];
        float[] labelsOut = new float[n];
        float[] one = new float[1];
        for (int i = 0; i < n; i++) {
            digits.copyFeatures(i, src, 0);
            float[] resized = h == size && w == size ? src : Resize.bilinear(src, 1, h, w, size, size);
            for (int p = 0; p < size * size; p++) {
                out[i * size * size + p] = 2f * resized[p] - 1f;
            }
            digits.copyTarget(i, one, 0);
            labelsOut[i] = one[0];
        }
        return new ArrayDataset(out, new int[] {1, size, size}, labelsOut, new int[0]);
    }
}
