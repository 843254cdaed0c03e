package org.jdive.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** MNIST-style digit sets from a pair of IDX files: images {@code [N, 28, 28]} bytes and labels {@code [N]}. */
public final class Mnist {

    private Mnist() {
    }

    /**
     * The images as features {@code [1, H, W]} scaled to [0, 1] (grey level / 255, as torchvision's
     * {@code ToTensor}) and the labels as class indices (targets of shape {@code []}).
     */
    public static ArrayDataset load(Path images, Path labels) throws IOException {
        Idx.Array x = Idx.read(images);
        Idx.Array y = Idx.read(labels);
        if (x.shape().length != 3) {
            throw new IOException(images + ": images must have shape [N, H, W], got " + Arrays.toString(x.shape()));
        }
        if (y.shape().length != 1 || y.shape()[0] != x.shape()[0]) {
            throw new IOException(labels + ": labels must have shape [" + x.shape()[0] + "] to match " + images
                    + ", got " + Arrays.toString(y.shape()));
        }
        float[] pixels = x.values();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= 255f;
        }
        return new ArrayDataset(pixels, new int[] {1, x.shape()[1], x.shape()[2]}, y.values(), new int[0]);
    }
}
