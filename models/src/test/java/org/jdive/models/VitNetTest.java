package org.jdive.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Sequential;
import org.jdive.models.classify.Nets;
import org.junit.jupiter.api.Test;

/** The classifier's {@code vit} network (D2L 11.8) at a small image size. */
class VitNetTest {

    @Test
    void vitHasTheBooksSizesAndDrawsItsDropoutMasksFromTheMaskStream() {
        try (Sequential net = Nets.build("vit", 1, 32, 10, Rng.seeded(1), Rng.seeded(2));
             Sequential sameMasks = Nets.build("vit", 1, 32, 10, Rng.seeded(1), Rng.seeded(2));
             Sequential otherMasks = Nets.build("vit", 1, 32, 10, Rng.seeded(1), Rng.seeded(3));
             Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor images = Tensor.randn(Rng.seeded(4), 3, 1, 32, 32);
            float[] trained = net.forward(images).toFloatArray();
            assertArrayEquals(new int[] {3, 10}, net.forward(images).shape());
            assertArrayEquals(new int[] {1, 5, 512}, net.namedParameters().get("0.pos_embedding").shape(),
                    "4 patches of 16 × 16 and the cls token");
            assertArrayEquals(new int[] {512, 1, 16, 16},
                    net.namedParameters().get("0.patch_embedding.conv.weight").shape());
            assertArrayEquals(new int[] {2048, 512}, net.namedParameters().get("0.blks.1.mlp.dense1.weight").shape());
            assertArrayEquals(trained, sameMasks.forward(images).toFloatArray(), "same seeds, same result");
            assertFalse(Arrays.equals(trained, otherMasks.forward(images).toFloatArray()), "other dropout masks");
            net.eval();
            otherMasks.eval();
            assertArrayEquals(net.forward(images).toFloatArray(), otherMasks.forward(images).toFloatArray(),
                    "the same weights: the mask stream draws no parameter");
        }
    }
}
