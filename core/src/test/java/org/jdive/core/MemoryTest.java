package org.jdive.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.api.Test;

/** Scopes release every intermediate: training does not grow the live-buffer count. */
class MemoryTest {

    @Test
    void aThousandTrainingStepsLeaveNoBuffersBehind() {
        Backend cpu = Backends.cpu();
        var rng = Rng.seeded(3);
        Tensor w1 = Tensor.randn(rng, 4, 16).mul(0.5f).keep().requiresGrad(true);
        Tensor b1 = Tensor.zeros(16).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 16, 2).mul(0.5f).keep().requiresGrad(true);
        Tensor x = Tensor.randn(rng, 32, 4);
        Tensor y = Tensor.randn(rng, 32, 2);
        Sgd sgd = new Sgd(List.of(w1, b1, w2), 0.01f, 0.9f, 0f, false);
        float first = 0;
        float last = 0;
        long before = -1;
        for (int step = 0; step < 1000; step++) {
            try (Scope scope = Scope.open()) {
                Tensor loss = x.matmul(w1).add(b1).relu().matmul(w2).sub(y).square().mean();
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                if (step == 0) {
                    first = loss.item();
                }
                last = loss.item();
            }
            if (step == 1) {                   // gradients exist from the first step on
                before = cpu.liveBuffers();
            }
        }
        assertEquals(before, cpu.liveBuffers(), "live buffers after 1,000 steps");
        assertTrue(last < first * 0.8, "the loss fell from " + first + " to " + last);
    }

    @Test
    void viewsShareMemoryUntilTheLastCloses() {
        Backend cpu = Backends.cpu();
        long start = cpu.liveBuffers();
        Tensor a = Tensor.arange(6);
        Tensor view = a.reshape(2, 3);
        assertEquals(start + 1, cpu.liveBuffers());
        a.close();
        try (Scope scope = Scope.open()) {
            assertEquals(5f, view.select(1, 2).select(0, 1).item());
        }
        view.close();
        assertEquals(start, cpu.liveBuffers());
    }

    @Test
    void nestedScopesFreeTheirOwnTensors() {
        Backend cpu = Backends.cpu();
        long start = cpu.liveBuffers();
        try (Scope outer = Scope.open()) {
            Tensor a = Tensor.ones(3);
            try (Scope inner = Scope.open()) {
                a.add(a).mul(a);
                assertTrue(inner.size() >= 2);
            }
            assertEquals(start + 1, cpu.liveBuffers());
        }
        assertEquals(start, cpu.liveBuffers());
    }
}
