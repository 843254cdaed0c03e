package org.jdive.core.data;

/**
 * The images of a {@link Dataset} ({@code C × H × W} features) resized to {@code C × size × size} by bilinear
 * interpolation, as PyTorch's {@code F.interpolate(x, size, mode='bilinear', align_corners=False)}: output pixel
 * {@code i} of an axis reads the input at {@code max(0, (i + ½)·in/out − ½)}, between its two neighbouring pixels (the
 * last pixel repeated past the edge). Upsampling this way is what D2L's {@code FashionMNIST(resize=…)} does through
 * torchvision's {@code Resize} (8.1–8.7: 28 → 224 or 96 pixels), except that torchvision resizes the 8-bit image and
 * rounds to 8 bits again, where this interpolates the floats. Downsampling is the same formula without antialiasing.
 *
 * <p>Each example is resized as it is copied into a batch, so a data set of 60,000 images at 224 × 224 (12 GB of
 * floats) never exists at once. Targets pass through unchanged.
 */
public final class Resized implements Dataset {

    private final Dataset base;
    private final int channels;
    private final int inHeight;
    private final int inWidth;
    private final int size;
    private final Axis rows;
    private final Axis cols;

    /** The neighbours {@code lo}, {@code hi} and the weight {@code w} of {@code hi} that each output pixel reads on one axis. */
    private record Axis(int[] lo, int[] hi, float[] w) {

        static Axis of(int in, int out) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            float[] w = new float[out];
            float scale = (float) in / out;
            for (int i = 0; i < out; i++) {
                float src = Math.max(0f, (i + 0.5f) * scale - 0.5f);
                lo[i] = (int) src;
                hi[i] = Math.min(lo[i] + 1, in - 1);
                w[i] = src - lo[i];
            }
            return new Axis(lo, hi, w);
        }
    }

    /** {@code base}'s images, of shape {@code [C, H, W]}, resized to {@code [C, size, size]}. */
    public Resized(Dataset base, int size) {
        int[] shape = base.featureShape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("resizing needs images of shape [C, H, W], got "
                    + java.util.Arrays.toString(shape));
        }
        if (size < 1) {
            throw new IllegalArgumentException("the resized side must be positive, got " + size);
        }
        this.base = base;
        this.channels = shape[0];
        this.inHeight = shape[1];
        this.inWidth = shape[2];
        this.size = size;
        this.rows = Axis.of(inHeight, size);
        this.cols = Axis.of(inWidth, size);
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public int[] featureShape() {
        return new int[] {channels, size, size};
    }

    @Override
    public int[] targetShape() {
        return base.targetShape();
    }

    @Override
    public void copyFeatures(int index, float[] dst, int offset) {
        float[] src = new float[channels * inHeight * inWidth];
        base.copyFeatures(index, src, 0);
        int out = offset;
        for (int c = 0; c < channels; c++) {
            int plane = c * inHeight * inWidth;
            for (int i = 0; i < size; i++) {
                int top = plane + rows.lo[i] * inWidth;
                int bottom = plane + rows.hi[i] * inWidth;
                float wy = rows.w[i];
                for (int j = 0; j < size; j++) {
                    int l = cols.lo[j];
                    int r = cols.hi[j];
                    float wx = cols.w[j];
                    float upper = (1 - wx) * src[top + l] + wx * src[top + r];
                    float lower = (1 - wx) * src[bottom + l] + wx * src[bottom + r];
                    dst[out++] = (1 - wy) * upper + wy * lower;
                }
            }
        }
    }

    @Override
    public void copyTarget(int index, float[] dst, int offset) {
        base.copyTarget(index, dst, offset);
    }
}
