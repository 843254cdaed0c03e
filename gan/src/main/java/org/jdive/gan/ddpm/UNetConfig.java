package org.jdive.gan.ddpm;

/**
 * The shape of the {@link UNet} on {@code channels × imageSize × imageSize} images: {@code width} channels at full
 * resolution, twice as many at a half and a quarter of it, self-attention at the quarter if {@code attention}.
 * Every group norm splits its channels into 8 groups.
 */
public record UNetConfig(int channels, int imageSize, int width, boolean attention) {

    /** Group norm's groups in every layer. */
    static final int GROUPS = 8;

    /**
     * Checks the shape.
     *
     * @throws IllegalArgumentException unless the channels are positive, the width a positive multiple of 8 and the
     *                                  image size a positive multiple of 4 (two halvings)
     */
    public UNetConfig {
        if (channels <= 0 || width <= 0 || width % GROUPS != 0 || imageSize <= 0 || imageSize % 4 != 0) {
            throw new IllegalArgumentException("U-Net: the channels must be positive, the width a positive multiple of "
                    + GROUPS + " (group norm's groups) and the image size a positive multiple of 4 (two halvings), got "
                    + channels + " channels, width " + width + ", size " + imageSize);
        }
    }

    /** One image's shape {@code [C, H, W]}. */
    public int[] imageShape() {
        return new int[] {channels, imageSize, imageSize};
    }

    /** The width of the timestep embedding after its MLP, {@code 4 · width} as in Ho et al. */
    int timeDim() {
        return 4 * width;
    }
}
