package org.jdive.gan.vae;

/**
 * The shape of a convolutional VAE on {@code channels × imageSize × imageSize} images: the encoder's two stride-2
 * convolutions have {@code width} and {@code 2 · width} channels (32 and 64 for MNIST, as the PyTorch and Keras
 * examples), the latent space has {@code latentDim} dimensions.
 */
public record VaeConfig(int channels, int imageSize, int latentDim, int width) {

    /**
     * Checks the shape.
     *
     * @throws IllegalArgumentException unless every number is positive and {@code imageSize} is a multiple of 4
     */
    public VaeConfig {
        if (channels <= 0 || latentDim <= 0 || width <= 0 || imageSize <= 0 || imageSize % 4 != 0) {
            throw new IllegalArgumentException("VAE: channels, latent size and width must be positive and the image size "
                    + "a multiple of 4 (two stride-2 layers), got " + channels + ", " + imageSize + ", " + latentDim
                    + ", " + width);
        }
    }

    /** MNIST at 28 × 28: widths 32 and 64, a latent space of {@code latentDim}. */
    public static VaeConfig mnist(int latentDim) {
        return new VaeConfig(1, 28, latentDim, 32);
    }

    /** One image's shape {@code [C, H, W]}. */
    public int[] imageShape() {
        return new int[] {channels, imageSize, imageSize};
    }

    /** The side of the encoder's last feature map, {@code imageSize / 4}. */
    int innerSize() {
        return imageSize / 4;
    }
}
