package org.jdive.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.BatchNorm1d;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module and optimizer state survive a checkpoint exactly; files that do not fit are refused by name. */
class CheckpointTest {

    @TempDir
    Path tmp;

    private static Sequential net(long seed) {
        var rng = Rng.seeded(seed);
        return new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new Relu(), new Linear(4, 2, rng));
    }

    private static void trainStep(Sequential net, Optimizer opt) {
        try (Scope s = Scope.open()) {
            Tensor x = Tensor.of(new float[] {1, 2, 3, -1, 0, 1, 2, 2, 2, 0, -3, 1}, 4, 3);
            Tensor loss = Losses.mse(net.forward(x), Tensor.ones(4, 2));
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
    }

    @Test
    void resumingFromACheckpointContinuesBitForBit() throws IOException {
        Path file = tmp.resolve("run/ckpt.safetensors");
        try (Sequential a = net(1); Sequential b = net(2)) {
            Adam optA = new Adam(a.parameters(), 0.01f);
            Adam optB = new Adam(b.parameters(), 0.01f);
            trainStep(a, optA);
            trainStep(a, optA);
            Checkpoint.save(file, a, optA);
            Checkpoint.load(file, b, optB);
            trainStep(a, optA);
            trainStep(b, optB);
            for (String name : a.stateDict().keySet()) {
                assertArrayEquals(a.stateDict().get(name).toFloatArray(), b.stateDict().get(name).toFloatArray(), name);
            }
            optA.close();
            optB.close();
        }
    }

    @Test
    void missingUnexpectedAndMisShapedTensorsAreNamedAndNothingIsChanged() throws IOException {
        Path file = tmp.resolve("small.safetensors");
        try (Sequential small = new Sequential(new Linear(3, 4, Rng.seeded(1)));
             Sequential other = new Sequential(new Linear(3, 5, Rng.seeded(2)), new Linear(5, 1, Rng.seeded(3)))) {
            Checkpoint.save(file, small);
            float[] before = other.stateDict().get("0.weight").toFloatArray();
            var e = assertThrows(IOException.class, () -> Checkpoint.load(file, other));
            String m = e.getMessage();
            assertTrue(m.contains("missing tensor '1.weight'"), m);
            assertTrue(m.contains("tensor '0.weight' has shape [4, 3] in the file but [5, 3] in the module"), m);
            assertArrayEquals(before, other.stateDict().get("0.weight").toFloatArray(), "left as it was");
        }
        try (Sequential bigger = new Sequential(new Linear(3, 4, Rng.seeded(1)), new Relu());
             Sequential fewer = new Sequential(new Linear(3, 4, false, Rng.seeded(1)))) {
            Checkpoint.save(file, bigger);
            var e = assertThrows(IOException.class, () -> Checkpoint.load(file, fewer));
            assertTrue(e.getMessage().contains("unexpected tensor '0.bias'"), e.getMessage());
        }
    }

    @Test
    void optimizerStateForAnotherModelIsRefused() throws IOException {
        Path file = tmp.resolve("opt.safetensors");
        try (Sequential a = net(1); Sequential b = net(1)) {
            Adam optA = new Adam(a.parameters(), 0.01f);
            trainStep(a, optA);
            Checkpoint.save(file, a, optA);
            Optimizer wrong = new Adam(List.of(b.parameters().get(0)), 0.01f);
            var e = assertThrows(IOException.class, () -> Checkpoint.load(file, b, wrong));
            assertTrue(e.getMessage().contains("state.1."), e.getMessage());
            optA.close();
        }
    }
}
