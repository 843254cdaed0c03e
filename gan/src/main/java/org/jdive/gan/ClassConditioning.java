package org.jdive.gan;

import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Batch;

/**
 * Conditions a GAN of images on a class (Mirza and Osindero 2014, as the PyTorch cGAN examples): the generator
 * reads the noise {@code [N, L, 1, 1]} with the class's one-hot vector appended ({@code [N, L + K, 1, 1]}), the
 * discriminator reads an image {@code [N, C, H, W]} with {@code K} channels appended, the one-hot vector broadcast
 * over the pixels. A batch's targets are its class indices.
 */
public final class ClassConditioning implements GanTrainer.Conditioning {

    private final int classes;

    /** Conditioning on {@code classes} classes, indices {@code 0 … classes - 1}. */
    public ClassConditioning(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("a conditional GAN needs at least one class, got " + classes);
        }
        this.classes = classes;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /**
     * The one-hot vectors {@code [N, K, 1, 1]} of class indices {@code labels}.
     *
     * @throws IllegalArgumentException if a label is not a whole number in {@code [0, K)}
     */
    public Tensor oneHot(Backend backend, float[] labels) {
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            int k = (int) labels[i];
            if (k != labels[i] || k < 0 || k >= classes) {
                throw new IllegalArgumentException("class labels must be whole numbers in [0, " + classes + "), got "
                        + labels[i]);
            }
            values[i * classes + k] = 1f;
        }
        return Tensor.of(backend, values, labels.length, classes, 1, 1);
    }

    /** The images {@code [N, C, H, W]} with the class maps of {@code oneHot} {@code [N, K, 1, 1]} appended. */
    public static Tensor appendMaps(Tensor images, Tensor oneHot) {
        int[] s = images.shape();
        return Tensor.concat(1, images, oneHot.broadcastTo(s[0], oneHot.shape(1), s[2], s[3]));
    }

    /** The noise {@code [N, L, 1, 1]} with {@code oneHot} {@code [N, K, 1, 1]} appended. */
    public static Tensor appendToNoise(Tensor z, Tensor oneHot) {
        return Tensor.concat(1, z, oneHot);
    }

    @Override
    public Tensor examples(Batch batch) {
        return appendMaps(batch.features(), oneHot(batch.features().backend(), batch.targets().toFloatArray()));
    }

    @Override
    public Tensor latent(Tensor z, Batch batch) {
        return appendToNoise(z, oneHot(z.backend(), batch.targets().toFloatArray()));
    }
}
