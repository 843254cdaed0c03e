package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.init.Init;
import org.junit.jupiter.api.Test;

/** Module naming, counting, modes, lazy layers and lifetimes. */
class ModuleTest {

    /** A network with a named torso and head, as an agent would build. */
    static final class QNet extends Module {
        final Sequential torso;
        final Linear head;

        QNet() {
            var rng = Rng.seeded(1);
            torso = registerModule("torso", new Sequential(new Linear(4, 8, rng), new Relu(), new Linear(8, 8, rng)));
            head = registerModule("head", new Linear(8, 2, rng));
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(torso.forward(x).relu());
        }
    }

    @Test
    void parametersHaveNestedNamesAndAreCounted() {
        try (QNet net = new QNet()) {
            assertEquals(List.of("torso.0.weight", "torso.0.bias", "torso.2.weight", "torso.2.bias", "head.weight", "head.bias"),
                    List.copyOf(net.namedParameters().keySet()));
            assertEquals(4 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2, net.parameterCount());
            assertArrayEquals(new int[] {8, 4}, net.namedParameters().get("torso.0.weight").shape());
            assertTrue(net.toString().contains("(torso): Sequential"), net.toString());
        }
    }

    @Test
    void modesPropagateToChildren() {
        try (QNet net = new QNet()) {
            net.eval();
            assertFalse(net.torso.get(0).isTraining());
            net.train();
            assertTrue(net.head.isTraining());
        }
    }

    @Test
    void linearComputesXTimesWeightTransposedPlusBias() {
        try (Linear fc = new Linear(3, 2, Rng.seeded(2)); Scope s = Scope.open()) {
            fc.initialize((t, rng) -> t.copyFromInPlace(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), Init.constant(0.5f));
            Tensor y = fc.forward(Tensor.of(new float[] {1, 0, -1, 2, 1, 0}, 2, 3));
            assertArrayEquals(new float[] {1 - 3 + 0.5f, 4 - 6 + 0.5f, 2 + 2 + 0.5f, 8 + 5 + 0.5f}, y.toFloatArray());
        }
    }

    @Test
    void applyReinitialisesEveryWeightedLayerAsD2LsInitXavier() {
        var rng = Rng.seeded(6);
        try (Sequential net = new Sequential(new Linear(3, 4, rng), new Relu(), Linear.lazy(2, rng))) {
            net.apply(m -> {
                if (m instanceof WeightedLayer w) {
                    w.initialize(Init.constant(0.5f), Init.zeros());
                }
            });
            assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, java.util.Arrays.copyOf(
                    net.namedParameters().get("0.weight").toFloatArray(), 3));
            assertArrayEquals(new float[4], net.namedParameters().get("0.bias").toFloatArray());
            try (Scope s = Scope.open()) {
                // the lazy layer uses the remembered inits when it is created: 4 inputs of relu(0.5·3) = 1.5
                assertArrayEquals(new float[] {3f, 3f}, net.forward(Tensor.ones(1, 3)).toFloatArray());
            }
        }
    }

    @Test
    void lazyLayersTakeTheirInputSizeFromTheFirstBatch() {
        var rng = Rng.seeded(3);
        try (Sequential net = new Sequential(Conv2d.lazy(4, 3, 1, 1, rng), BatchNorm2d.lazy(), new Relu(), new Flatten(),
                Linear.lazy(5, rng))) {
            assertFalse(net.isInitialized());
            var e = assertThrows(IllegalStateException.class, net::parameters);
            assertTrue(e.getMessage().contains("forward pass"), e.getMessage());
            try (Scope s = Scope.open()) {
                assertArrayEquals(new int[] {2, 5}, net.forward(Tensor.zeros(2, 3, 6, 6)).shape());
            }
            assertTrue(net.isInitialized());
            assertArrayEquals(new int[] {4, 3, 3, 3}, net.namedParameters().get("0.weight").shape());
            assertArrayEquals(new int[] {5, 4 * 36}, net.namedParameters().get("4.weight").shape());
            assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"),
                    List.copyOf(net.namedBuffers().keySet()));
            try (Scope s = Scope.open()) {
                var wrong = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(2, 2, 6, 6)));
                assertTrue(wrong.getMessage().contains("3 input"), wrong.getMessage());
            }
        }
    }

    @Test
    void convolutionShapesFollowPyTorch() {
        var rng = Rng.seeded(4);
        try (Conv2d conv = new Conv2d(3, 8, 3, 2, 1, false, rng);
             ConvTranspose2d up = new ConvTranspose2d(8, 3, 4, 2, 1, 0, true, rng);
             ConvTranspose2d upPad = new ConvTranspose2d(8, 3, 3, 2, 1, 1, true, rng);
             Scope s = Scope.open()) {
            Tensor x = Tensor.randn(rng, 2, 3, 9, 9);
            Tensor y = conv.forward(x);
            assertArrayEquals(new int[] {2, 8, 5, 5}, y.shape());      // floor((9 + 2 - 3) / 2) + 1
            assertEquals(1, conv.namedParameters().size());
            assertArrayEquals(new int[] {8, 3, 4, 4}, up.weight().shape());
            assertArrayEquals(new int[] {2, 3, 10, 10}, up.forward(y).shape());     // (5-1)·2 - 2 + 4
            assertArrayEquals(new int[] {2, 3, 10, 10}, upPad.forward(y).shape());  // (5-1)·2 - 2 + 3 + 1
            assertArrayEquals(new int[] {2, 8, 2, 2}, new MaxPool2d(2).forward(y).shape());
            assertArrayEquals(new int[] {2, 8, 3, 3}, new AvgPool2d(3, 2, 1).forward(y).shape());
        }
    }

    @Test
    void badArgumentsAreNamed() {
        var rng = Rng.seeded(5);
        var e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 8, 0, 1, 0, true, rng));
        assertTrue(e.getMessage().contains("kernel=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(3, 8, 3, 2, 0, 2, true, rng));
        assertTrue(e.getMessage().contains("output padding"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f, rng));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void closingAModuleFreesItsParametersAndGradients() {
        long before = Backends.cpu().liveBuffers();
        QNet net = new QNet();
        try (Scope s = Scope.open()) {
            net.forward(Tensor.ones(3, 4)).sum().backward();
        }
        assertTrue(Backends.cpu().liveBuffers() > before);
        net.close();
        assertEquals(before, Backends.cpu().liveBuffers());
    }
}
