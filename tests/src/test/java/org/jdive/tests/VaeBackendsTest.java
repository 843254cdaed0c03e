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
import org.jdive.gan.vae.VaeConfig;
import org.jdive.gan.vae.VaeTrainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The VAE trains on every backend as on the CPU backend: a few epochs (convolutions, transposed convolutions, the
 * reparameterisation, BCE with logits, the closed-form KL, Adam) give the CPU backend's ELBO terms and decoded
 * prior samples within float32 tolerance.
 */
class VaeBackendsTest {

    private static final int IMAGES = 48;
    private static final int EPOCHS = 3;

    private static ArrayDataset images() {
        UniformRandomProvider rng = Rng.seeded(4);
        float[] pixels = new float[IMAGES * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2 * rng.nextFloat() - 1;
        }
        return new ArrayDataset(pixels, new int[] {1, 28, 28}, new float[IMAGES], new int[0]);
    }

    /** Each epoch's loss, reconstruction and KL terms, then four decoded prior samples. */
    private static List<float[]> train(Backend backend) {
        List<float[]> out = new ArrayList<>();
        try (var t = new VaeTrainer(new VaeConfig(1, 28, 4, 4), new VaeTrainer.Settings(16, 1e-3f, 5), images(), backend)) {
            for (int e = 0; e < EPOCHS; e++) {
                VaeTrainer.Terms s = t.trainEpoch().train();
                out.add(new float[] {(float) s.loss(), (float) s.reconstruction(), (float) s.kl()});
            }
            out.add(t.sample(4, Rng.seeded(9)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opencl", "djl"})
    void epochsMatchTheCpuBackend(String name) {
        Backend backend = Available.backend(name);
        List<float[]> expected = train(Backends.cpu());
        List<float[]> actual = train(backend);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String what = name + (i < EPOCHS ? " epoch " + i + " (loss, reconstruction, KL)" : " prior samples");
            float[] x = expected.get(i);
            float[] y = actual.get(i);
            assertEquals(x.length, y.length, what);
            for (int j = 0; j < x.length; j++) {
                if (!(Math.abs(y[j] - x[j]) <= 2e-3f * Math.max(1f, Math.abs(x[j])))) {
                    fail(what + ": element " + j + " is " + y[j] + ", the CPU backend's " + x[j]);
                }
            }
        }
    }
}
