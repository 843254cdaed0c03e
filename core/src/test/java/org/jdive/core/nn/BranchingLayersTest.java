package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pieces of D2L ch. 8's modern CNNs: global average pooling, channel concatenation of branches, residual sums. */
class BranchingLayersTest {

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
    void globalAveragePoolingIsEachChannelsMeanAndPassesGradients() {
        Tensor x = GradCheck.uniform(Rng.seeded(1), -1f, 1f, 2, 3, 4, 5);
        float[] v = x.toFloatArray();
        Tensor y = new GlobalAvgPool2d().forward(x);
        assertArrayEquals(new int[] {2, 3, 1, 1}, y.shape());
        float[] got = y.toFloatArray();
        for (int nc = 0; nc < 6; nc++) {
            double sum = 0;
            for (int k = 0; k < 20; k++) {
                sum += v[nc * 20 + k];
            }
            assertEquals(sum / 20, got[nc], 1e-6);
        }
        GradCheck.check("global average pooling", in -> new GlobalAvgPool2d().forward(in[0]),
                GradCheck.uniform(Rng.seeded(2), -1f, 1f, 2, 2, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new GlobalAvgPool2d().forward(Tensor.zeros(2, 3)));
    }

    @Test
    void concatStacksTheBranchOutputsAlongTheChannels() {
        try (Conv2d conv = new Conv2d(2, 3, 3, 1, 1, true, Rng.seeded(3));
             Concat inception = new Concat(new Identity(), new Sequential(new Tanh()), conv)) {
            Tensor x = GradCheck.uniform(Rng.seeded(4), -1f, 1f, 2, 2, 4, 4);
            Tensor y = inception.forward(x);
            assertArrayEquals(new int[] {2, 7, 4, 4}, y.shape());
            assertArrayEquals(Tensor.concat(1, x, x.tanh(), conv.forward(x)).toFloatArray(), y.toFloatArray());
            assertEquals(List.of("2.weight", "2.bias"), List.copyOf(inception.namedParameters().keySet()));
            GradCheck.check("concat of branches", in -> inception.forward(in[0]),
                    GradCheck.uniform(Rng.seeded(5), -1f, 1f, 1, 2, 3, 3));
        }
        assertThrows(IllegalArgumentException.class, Concat::new);
    }

    @Test
    void residualAddsTheShortcutToTheBody() {
        try (Conv2d body = new Conv2d(2, 2, 3, 1, 1, true, Rng.seeded(6));
             Residual identity = new Residual(body)) {
            Tensor x = GradCheck.uniform(Rng.seeded(7), -1f, 1f, 2, 2, 4, 4);
            assertArrayEquals(body.forward(x).add(x).toFloatArray(), identity.forward(x).toFloatArray());
            GradCheck.check("residual, identity shortcut", in -> identity.forward(in[0]),
                    GradCheck.uniform(Rng.seeded(8), -1f, 1f, 1, 2, 3, 3));
        }
        try (Conv2d body = new Conv2d(2, 3, 3, 2, 1, true, Rng.seeded(9));
             Conv2d projection = new Conv2d(2, 3, 1, 2, 0, true, Rng.seeded(10));
             Residual strided = new Residual(body, projection)) {
            Tensor x = GradCheck.uniform(Rng.seeded(11), -1f, 1f, 2, 2, 4, 4);
            Tensor y = strided.forward(x);
            assertArrayEquals(new int[] {2, 3, 2, 2}, y.shape());
            assertArrayEquals(body.forward(x).add(projection.forward(x)).toFloatArray(), y.toFloatArray());
            assertEquals(List.of("body.weight", "body.bias", "shortcut.weight", "shortcut.bias"),
                    List.copyOf(strided.namedParameters().keySet()));
            GradCheck.check("residual, projection shortcut", in -> strided.forward(in[0]),
                    GradCheck.uniform(Rng.seeded(12), -1f, 1f, 1, 2, 4, 4));
        }
    }

    @Test
    void residualWhoseBodyChangesTheShapeAsksForAShortcut() {
        try (Residual r = new Residual(new Conv2d(2, 3, 1, 1, 0, true, Rng.seeded(13)))) {
            var e = assertThrows(IllegalArgumentException.class, () -> r.forward(Tensor.zeros(1, 2, 3, 3)));
            assertTrue(e.getMessage().contains("1×1 convolution"), e.getMessage());
        }
    }
}
