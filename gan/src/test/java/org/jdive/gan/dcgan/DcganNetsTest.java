package org.jdive.gan.dcgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.Sequential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DcganNetsTest {

    static List<DcganConfig> configs() {
        return List.of(
                new DcganConfig(3, 64, 100, 4, 4, Variant.D2L),        // D2L's stack, narrow
                new DcganConfig(3, 64, 100, 4, 4, Variant.PYTORCH),
                DcganConfig.mnist(32, 4, Variant.D2L),
                DcganConfig.mnist(28, 4, Variant.PYTORCH),
                new DcganConfig(1, 16, 8, 2, 3, Variant.D2L),
                new DcganConfig(3, 40, 10, 2, 2, Variant.D2L));        // 5 · 2³
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyConfigurationMapsLatentsToImagesAndImagesToOneLogit(DcganConfig c) {
        var rng = Rng.seeded(1);
        try (Sequential g = DcganNets.generator(c, Backends.cpu(), rng);
             Sequential d = DcganNets.discriminator(c, Backends.cpu(), rng);
             Scope scope = Scope.open()) {
            Tensor z = Tensor.randn(rng, 3, c.latentDim(), 1, 1);
            Tensor images = g.forward(z);
            assertArrayEquals(new int[] {3, c.channels(), c.imageSize(), c.imageSize()}, images.shape());
            for (float v : images.toFloatArray()) {
                assertTrue(v > -1f && v < 1f, "tanh output");
            }
            assertArrayEquals(new int[] {3, 1, 1, 1}, d.forward(images).shape());
            assertEquals(c.blocks() + 2, g.size(), "blocks + output layer + tanh");
            assertEquals(c.blocks() + 1, d.size(), "blocks + logit layer");
        }
    }

    @Test
    void d2lsStackHasTheBooksWidthsAndNames() {
        DcganConfig c = DcganConfig.d2l();
        assertEquals(4, c.blocks());
        assertEquals(4, c.base());
        var rng = Rng.seeded(0);
        try (Sequential g = DcganNets.generator(c, Backends.cpu(), rng);
             Sequential d = DcganNets.discriminator(c, Backends.cpu(), rng)) {
            Map<String, Tensor> gp = g.namedParameters();
            assertArrayEquals(new int[] {100, 512, 4, 4}, gp.get("0.conv2d_trans.weight").shape());
            assertArrayEquals(new int[] {512, 256, 4, 4}, gp.get("1.conv2d_trans.weight").shape());
            assertArrayEquals(new int[] {256, 128, 4, 4}, gp.get("2.conv2d_trans.weight").shape());
            assertArrayEquals(new int[] {128, 64, 4, 4}, gp.get("3.conv2d_trans.weight").shape());
            assertArrayEquals(new int[] {64, 3, 4, 4}, gp.get("4.weight").shape());
            assertFalse(gp.containsKey("4.bias"), "D2L's convolutions have no bias");
            Map<String, Tensor> dp = d.namedParameters();
            assertArrayEquals(new int[] {64, 3, 4, 4}, dp.get("0.conv2d.weight").shape());
            assertArrayEquals(new int[] {512, 256, 4, 4}, dp.get("3.conv2d.weight").shape());
            assertArrayEquals(new int[] {1, 512, 4, 4}, dp.get("4.weight").shape());
            assertTrue(dp.containsKey("0.batch_norm.weight"));
            // D2L's parameter counts (torch: sum(p.numel() for p in net.parameters()))
            assertEquals(3_576_704, g.parameterCount());
            assertEquals(2_765_696, d.parameterCount());
        }
    }

    @Test
    void mnistStacksMatchTheirImageSizes() {
        assertEquals(3, DcganConfig.mnist(32, 8, Variant.D2L).blocks());
        assertEquals(4, DcganConfig.mnist(32, 8, Variant.D2L).base());
        assertEquals(2, DcganConfig.mnist(28, 8, Variant.D2L).blocks());
        assertEquals(7, DcganConfig.mnist(28, 8, Variant.D2L).base());
        assertThrows(IllegalArgumentException.class, () -> DcganConfig.mnist(27, 8, Variant.D2L));
        assertThrows(IllegalArgumentException.class, () -> DcganConfig.mnist(6, 8, Variant.D2L));
    }

    @Test
    void theVariantsInitialiseAsTheirRecipesSay() {
        DcganConfig c = DcganConfig.mnist(32, 16, Variant.PYTORCH);
        var rng = Rng.seeded(2);
        try (Sequential d = DcganNets.discriminator(c, Backends.cpu(), rng);
             Sequential dD2l = DcganNets.discriminator(DcganConfig.mnist(32, 16, Variant.D2L), Backends.cpu(), rng)) {
            assertFalse(d.namedParameters().containsKey("0.batch_norm.weight"), "PyTorch: no BN in D's first block");
            DcganNets.initialize(d, Variant.PYTORCH, rng);
            DcganNets.initialize(dD2l, Variant.D2L, rng);
            float[] scale = d.namedParameters().get("1.batch_norm.weight").toFloatArray();
            float[] shift = d.namedParameters().get("1.batch_norm.bias").toFloatArray();
            float[] conv = d.namedParameters().get("1.conv2d.weight").toFloatArray();
            assertEquals(1.0, mean(scale), 0.02);
            assertArrayEquals(new float[shift.length], shift);
            assertEquals(0.0, mean(conv), 0.002);
            assertEquals(0.02, std(conv), 0.002);
            assertEquals(0.0, mean(dD2l.namedParameters().get("1.batch_norm.weight").toFloatArray()), 0.02,
                    "D2L draws every parameter, batch-norm scales included, from N(0, 0.02²)");
        }
    }

    @Test
    void generatorOutputIsDeterministicForASeed() {
        DcganConfig c = DcganConfig.mnist(28, 4, Variant.D2L);
        float[][] out = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (Sequential g = DcganNets.generator(c, Backends.cpu(), Rng.seeded(9));
                 Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                DcganNets.initialize(g, Variant.D2L, Rng.seeded(10));
                out[r] = g.forward(Tensor.randn(Rng.seeded(11), 2, 100, 1, 1)).toFloatArray();
            }
        }
        assertArrayEquals(out[0], out[1]);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
