package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.loss.Reduction;
import org.jdive.gan.EpochStats;
import org.jdive.gan.dcgan.DcganConfig;
import org.jdive.gan.dcgan.DcganTrainer;
import org.jdive.gan.dcgan.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DCGAN trains on every backend as on the CPU backend: a few epochs of D2L's DCGAN (transposed convolutions, batch
 * norm, leaky ReLU, Adam on both networks) give the CPU backend's losses, discriminator outputs and generated images
 * within float32 tolerance. Both variants: D2L's (batch norm on every block) and PyTorch's, unconditional and
 * conditioned on ten classes (the images' targets, all class 0).
 */
class DcganBackendsTest {

    private static final int IMAGES = 24;
    private static final int EPOCHS = 3;

    /** Images of the generator's size, [-1, 1], from a fixed seed: the data does not matter, only that it is the same. */
    private static ArrayDataset images(int size) {
        UniformRandomProvider rng = Rng.seeded(4);
        float[] pixels = new float[IMAGES * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2 * rng.nextFloat() - 1;
        }
        return new ArrayDataset(pixels, new int[] {1, size, size}, new float[IMAGES], new int[0]);
    }

    /** Each epoch's losses and D's outputs, then the generator's images of a fixed noise batch after the last. */
    private static List<float[]> train(Backend backend, Variant variant, int classes) {
        DcganConfig net = new DcganConfig(1, 16, 8, 4, 4, variant, classes);
        // PyTorch's learning rate: Adam's first steps move each weight by about lr whatever the gradient's size, so a
        // gradient that is nearly zero (and differs in sign between backends) must not move it far.
        var settings = new DcganTrainer.Settings(8, 2e-4f, 0.5f, 0.999f, Reduction.MEAN, 5);
        List<float[]> out = new ArrayList<>();
        try (DcganTrainer trainer = new DcganTrainer(net, settings, images(16), backend)) {
            for (int e = 0; e < EPOCHS; e++) {
                EpochStats s = trainer.trainEpoch();
                out.add(new float[] {s.lossD(), s.lossG(), s.dReal(), s.dFake()});
            }
            out.add(trainer.generate(4, Rng.seeded(9)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opencl", "djl"})
    void epochsMatchTheCpuBackend(String name) {
        Backend backend = Available.backend(name);
        for (Variant variant : Variant.values()) {
            for (int classes : new int[] {0, 10}) {
                List<float[]> expected = train(Backends.cpu(), variant, classes);
                List<float[]> actual = train(backend, variant, classes);
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++) {
                    String what = name + " " + variant + " classes " + classes
                            + (i < EPOCHS ? " epoch " + i + " (loss_D, loss_G, D(x), D(G(z)))" : " generated images");
                    assertClose(what, expected.get(i), actual.get(i), 2e-3f);
                }
            }
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1f, Math.abs(expected[i])))) {
                fail(what + ": element " + i + " is " + actual[i] + ", the CPU backend's " + expected[i]);
            }
        }
    }
}
