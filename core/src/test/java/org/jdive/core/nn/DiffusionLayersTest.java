package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The layers a diffusion U-Net adds (group norm, SiLU, nearest upsampling) against their definitions and gradients. */
class DiffusionLayersTest {

    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void groupNormNormalisesEachGroupOfEachSample() {
        // one sample, 4 channels of 2 pixels, 2 groups: channels {0, 1} and {2, 3}
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, -1, 1, 1}, 1, 4, 2, 1);
        try (GroupNorm gn = new GroupNorm(2, 4)) {
            float sd0 = (float) Math.sqrt(1.25 + 1e-5); // group 0: 1, 2, 3, 4 — mean 2.5, variance 1.25
            float sd1 = (float) Math.sqrt(1 + 1e-5);    // group 1: -1, -1, 1, 1 — mean 0, variance 1
            assertArrayEquals(new float[] {-1.5f / sd0, -0.5f / sd0, 0.5f / sd0, 1.5f / sd0, -1 / sd1, -1 / sd1, 1 / sd1,
                    1 / sd1}, gn.forward(x).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void groupNormWithOneGroupIsLayerNormOverChannelsAndPixels() {
        Tensor x = GradCheck.uniform(Rng.seeded(1), -2f, 2f, 3, 4, 2, 2);
        try (GroupNorm gn = new GroupNorm(1, 4); LayerNorm ln = new LayerNorm(4, 2, 2)) {
            assertArrayEquals(ln.forward(x).toFloatArray(), gn.forward(x).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void groupNormGradientsMatchFiniteDifferences() {
        var rng = Rng.seeded(2);
        try (GroupNorm gn = new GroupNorm(2, 4); GroupNorm plain = new GroupNorm(2, 4)) {
            // a scale and shift away from 1 and 0, so their gradients and the input's are all exercised
            gn.namedParameters().get("weight").copyFromInPlace(Tensor.of(new float[] {0.5f, -1.5f, 2f, 1.2f}, 4));
            gn.namedParameters().get("bias").copyFromInPlace(Tensor.of(new float[] {0.1f, -0.3f, 0.2f, 0f}, 4));
            GradCheck.check("group norm", in -> gn.forward(in[0]), GradCheck.uniform(rng, -1f, 1f, 2, 4, 2, 3));
            GradCheck.check("group norm's scale and shift",
                    in -> plain.forward(in[0]).mul(in[1].reshape(1, 4, 1, 1)).add(in[2].reshape(1, 4, 1, 1)),
                    GradCheck.uniform(rng, -1f, 1f, 2, 4, 3, 1), GradCheck.uniform(rng, -1f, 1f, 4),
                    GradCheck.uniform(rng, -1f, 1f, 4));
        }
    }

    @Test
    void groupNormRefusesGroupsThatDoNotDivideTheChannels() {
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4));
        try (GroupNorm gn = new GroupNorm(2, 4)) {
            assertThrows(IllegalArgumentException.class, () -> gn.forward(Tensor.zeros(1, 6, 2, 2)));
        }
    }

    @Test
    void siluIsXTimesSigmoid() {
        Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0f, 1f, 3f}, 5);
        float[] expected = new float[5];
        float[] v = x.toFloatArray();
        for (int i = 0; i < 5; i++) {
            expected[i] = (float) (v[i] / (1 + Math.exp(-v[i])));
        }
        assertArrayEquals(expected, new Silu().forward(x).toFloatArray(), 1e-6f);
        GradCheck.check("silu", in -> new Silu().forward(in[0]), GradCheck.uniform(Rng.seeded(3), -3f, 3f, 7));
    }

    @Test
    void nearestUpsamplingRepeatsEachPixelAsABlock() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {
                1, 1, 2, 2,
                1, 1, 2, 2,
                3, 3, 4, 4,
                3, 3, 4, 4}, new UpsampleNearest2d(2).forward(x).toFloatArray());
        assertArrayEquals(new int[] {2, 3, 6, 9}, new UpsampleNearest2d(3).forward(Tensor.zeros(2, 3, 2, 3)).shape());
        GradCheck.check("nearest upsampling", in -> new UpsampleNearest2d(2).forward(in[0]),
                GradCheck.uniform(Rng.seeded(4), -1f, 1f, 2, 2, 3, 2));
    }
}
