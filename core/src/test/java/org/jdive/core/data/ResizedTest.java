package org.jdive.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bilinear resizing against values worked out by hand from PyTorch's {@code align_corners=False} rule. */
class ResizedTest {

    private static float[] resize(float[] image, int[] shape, int size) {
        Dataset one = new ArrayDataset(image, shape, new float[] {7f}, new int[0]);
        Resized r = new Resized(one, size);
        float[] out = new float[shape[0] * size * size];
        r.copyFeatures(0, out, 0);
        return out;
    }

    @Test
    void doublingATwoByTwoImageMatchesPytorchsInterpolate() {
        // F.interpolate(torch.arange(4.).view(1, 1, 2, 2), size=4, mode='bilinear', align_corners=False): each axis
        // reads the input at max(0, (i + ½)/2 − ½) = 0, ¼, ¾, 1¼ → clamped to the last pixel
        float[] out = resize(new float[] {0, 1, 2, 3}, new int[] {1, 2, 2}, 4);
        assertArrayEquals(new float[] {
                0.0f, 0.25f, 0.75f, 1.0f,
                0.5f, 0.75f, 1.25f, 1.5f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2.0f, 2.25f, 2.75f, 3.0f}, out, 1e-6f);
    }

    @Test
    void upsamplingByEightBlendsNeighboursAsTheBookResizesFashionMnist() {
        // 2 → 16 (28 → 224 has the same scale ⅛): pixel i reads (i + ½)/8 − ½; a non-linear image [[1, 5], [2, 9]]
        float[] out = resize(new float[] {1, 5, 2, 9}, new int[] {1, 2, 2}, 16);
        // row 5, column 9: row position 0.1875, column 0.6875: top 1 + 4·0.6875 = 3.75, bottom 2 + 7·0.6875 = 6.8125
        assertEquals(3.75f + 0.1875f * (6.8125f - 3.75f), out[5 * 16 + 9], 1e-6f);
        assertEquals(1f, out[0], 0f); // the first four output pixels read position 0 or less: the corner itself
        assertEquals(1f, out[3 * 16 + 3], 0f);
        assertEquals(9f, out[15 * 16 + 15], 0f);
        assertEquals(1f + 4f * 0.0625f, out[4], 1e-6f); // column 4 reads 0.0625
    }

    @Test
    void channelsResizeApartAndTargetsPassThrough() {
        float[] two = {0, 1, 2, 3, 10, 10, 10, 10};
        float[] out = resize(two, new int[] {2, 2, 2}, 4);
        assertArrayEquals(resize(new float[] {0, 1, 2, 3}, new int[] {1, 2, 2}, 4), java.util.Arrays.copyOf(out, 16));
        for (int i = 16; i < 32; i++) {
            assertEquals(10f, out[i], 0f);
        }
        Resized r = new Resized(new ArrayDataset(two, new int[] {2, 2, 2}, new float[] {7f}, new int[0]), 4);
        assertArrayEquals(new int[] {2, 4, 4}, r.featureShape());
        float[] target = new float[1];
        r.copyTarget(0, target, 0);
        assertEquals(7f, target[0]);
    }

    @Test
    void theSameSizeIsTheIdentity() {
        float[] image = {3, 1, 4, 1, 5, 9, 2, 6, 5};
        assertArrayEquals(image, resize(image, new int[] {1, 3, 3}, 3));
    }

    @Test
    void refusesFlatFeatures() {
        var flat = new ArrayDataset(new float[4], new int[] {4}, new float[1], new int[0]);
        assertThrows(IllegalArgumentException.class, () -> new Resized(flat, 8));
    }
}
