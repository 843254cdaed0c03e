package org.jdive.gan.dcgan;

/**
 * The shape of a DCGAN: images {@code channels × imageSize × imageSize}, a latent vector of {@code latentDim},
 * and the widths of the generator's last block and of the discriminator's first ({@code n_G}, {@code n_D} in
 * D2L; the other blocks double them).
 *
 * <p>The stack follows from the image size, written {@code base · 2^blocks} where {@code base} is what is left
 * after halving the size as long as the half is a whole number of at least 4 (so 4 to 7, or odd): the
 * generator's first block turns the {@code 1 × 1} latent into {@code base × base} (kernel {@code base}, stride 1,
 * padding 0), each further block and the output layer double the size (kernel 4, stride 2, padding 1); the
 * discriminator mirrors it. D2L's 64 × 64 is {@code 4 · 2⁴} (four blocks, widths 512-256-128-64); MNIST's
 * 32 × 32 is {@code 4 · 2³} and 28 × 28 is {@code 7 · 2²}.
 *
 * <p>With {@code classes > 0} the DCGAN is class-conditional (Mirza and Osindero 2014, as the PyTorch cGAN
 * examples): the generator reads the noise with the class's one-hot vector appended, and the discriminator the
 * image with {@code classes} channels appended, the one-hot vector broadcast over the pixels.
 */
public record DcganConfig(int channels, int imageSize, int latentDim, int widthG, int widthD, Variant variant,
                          int classes) {

    /**
     * Checks the shape.
     *
     * @throws IllegalArgumentException unless the sizes and widths are positive, {@code variant} is given and {@code
     *                                  imageSize} is even and at least 8
     */
    public DcganConfig {
        if (channels <= 0 || latentDim <= 0 || widthG <= 0 || widthD <= 0 || variant == null || classes < 0) {
            throw new IllegalArgumentException("DCGAN: channels, latent size and widths must be positive, the "
                    + "variant given and the classes at least 0; got " + channels + ", " + latentDim + ", " + widthG + ", "
                    + widthD + ", " + variant + ", " + classes);
        }
        if (imageSize < 8 || imageSize % 2 != 0) {
            throw new IllegalArgumentException("DCGAN: image size must be even and at least 8, so that "
                    + "the networks have at least one stride-2 layer (28, 32, 64, ...), got " + imageSize);
        }
    }

    /** An unconditional DCGAN ({@code classes} 0). */
    public DcganConfig(int channels, int imageSize, int latentDim, int widthG, int widthD, Variant variant) {
        this(channels, imageSize, latentDim, widthG, widthD, variant, 0);
    }

    /** The same shape, conditioned on {@code n} classes (0: unconditional). */
    public DcganConfig withClasses(int n) {
        return new DcganConfig(channels, imageSize, latentDim, widthG, widthD, variant, n);
    }

    /** Whether the networks are conditioned on a class. */
    public boolean conditional() {
        return classes > 0;
    }

    /** D2L 20.2: 3 × 64 × 64 images, latent 100, widths 64. */
    public static DcganConfig d2l() {
        return new DcganConfig(3, 64, 100, 64, 64, Variant.D2L);
    }

    /** MNIST digits at {@code size} (28 or 32) with the given widths. */
    public static DcganConfig mnist(int size, int width, Variant variant) {
        return new DcganConfig(1, size, 100, width, width, variant);
    }

    /** The number of stride-2 layers on each side (generator blocks after the first, plus the output layer). */
    public int blocks() {
        int size = imageSize;
        int k = 0;
        while (size % 2 == 0 && size / 2 >= 4) {
            size /= 2;
            k++;
        }
        return k;
    }

    /** The side of the smallest feature map, {@code imageSize / 2^blocks} (4 for 32 and 64, 7 for 28). */
    public int base() {
        return imageSize >> blocks();
    }

    /** One image's shape {@code [C, H, W]}. */
    public int[] imageShape() {
        return new int[] {channels, imageSize, imageSize};
    }

    /** The generator's input: one latent vector with the one-hot class appended, {@code [latentDim + classes, 1, 1]}. */
    public int[] generatorInputShape() {
        return new int[] {latentDim + classes, 1, 1};
    }

    /** The discriminator's input: one image with the class maps appended, {@code [channels + classes, S, S]}. */
    public int[] discriminatorInputShape() {
        return new int[] {channels + classes, imageSize, imageSize};
    }

    /** One latent vector's shape {@code [latentDim, 1, 1]}, the noise without the class. */
    public int[] latentShape() {
        return new int[] {latentDim, 1, 1};
    }
}
