package org.jdive.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.junit.jupiter.api.Test;

/** PacGAN's packing: consecutive examples concatenated, and a packed discriminator is the plain one on the packs. */
class PackTest {

    @Test
    void consecutivePointsBecomeOneVectorAndImagesStackTheirChannels() {
        try (Scope scope = Scope.open()) {
            Tensor points = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 6, 2);
            Tensor packed = new Pack(3).forward(points);
            assertArrayEquals(new int[] {2, 6}, packed.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, packed.toFloatArray());
            float[] pixels = new float[4 * 1 * 2 * 2];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = i;
            }
            Tensor images = new Pack(2).forward(Tensor.of(pixels, 4, 1, 2, 2));
            assertArrayEquals(new int[] {2, 2, 2, 2}, images.shape(), "two 1-channel images become one of 2 channels");
            assertArrayEquals(pixels, images.toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> new Pack(4).forward(points), "6 points are no 4-packs");
            assertThrows(IllegalArgumentException.class, () -> new Pack(0));
        }
    }

    /** The gradient reaching each point of a pack is the plain network's gradient for that pack's slice of coordinates. */
    @Test
    void aPackedDiscriminatorIsThePlainOneOnConcatenatedSamplesGradientsIncluded() {
        try (Scope scope = Scope.open();
             Sequential mlp = new Sequential().add(new Linear(4, 8, Rng.seeded(1))).add(new Relu())
                     .add(new Linear(8, 1, Rng.seeded(2)))) {
            float[] v = new float[6 * 2];
            var rng = Rng.seeded(3);
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextFloat() * 2 - 1;
            }
            Tensor points = Tensor.of(v, 6, 2).requiresGrad(true);
            Tensor packs = Tensor.of(v, 3, 4).requiresGrad(true);
            Sequential packed = new Sequential().add(new Pack(2)).add(mlp);
            Tensor a = packed.forward(points);
            Tensor b = mlp.forward(packs);
            assertArrayEquals(new int[] {3, 1}, a.shape());
            assertArrayEquals(b.toFloatArray(), a.toFloatArray());
            a.sum().backward();
            b.sum().backward();
            assertArrayEquals(packs.grad().toFloatArray(), points.grad().toFloatArray());
        }
    }
}
