package org.jdive.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tape's behaviour: accumulation, detaching, no-grad regions and its errors. */
class AutogradTest {

    @Test
    void differentiatesAKnownFunction() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).sum().backward();                                  // d/dx Σx² = 2x
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toFloatArray());
    }

    @Test
    void accumulatesAcrossBackwardCallsUntilZeroed() {
        Tensor w = Tensor.of(new float[] {2}, 1).requiresGrad(true);
        w.mul(3f).sum().backward();
        w.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6}, w.grad().toFloatArray());
        w.zeroGrad();
        assertArrayEquals(new float[] {0}, w.grad().toFloatArray());
    }

    @Test
    void aBackwardPassAfterZeroingGivesItsOwnGradientOnly() {
        Tensor w = Tensor.of(new float[] {2, -1}, 2).requiresGrad(true);
        w.mul(3f).sum().backward();
        Tensor grad = w.grad();
        w.zeroGrad();
        w.mul(w).sum().backward();                                 // 2w, not 3 + 2w
        assertArrayEquals(new float[] {4, -2}, w.grad().toFloatArray());
        assertTrue(grad == w.grad(), "the gradient keeps its memory");
        w.mul(5f).sum().backward();
        assertArrayEquals(new float[] {9, 3}, w.grad().toFloatArray());
        w.zeroGrad();
        w.zeroGrad();
        assertArrayEquals(new float[] {0, 0}, w.grad().toFloatArray());
    }

    /**
     * After zeroGrad a backward pass hands a leaf the buffer of a gradient that nothing else refers to instead of
     * copying it; a gradient that is still referenced (one upstream tensor for two leaves, the caller's seed) or a
     * leaf gradient that a view shares is copied, so no two tensors end up sharing a buffer.
     */
    @Test
    void zeroedGradientsTakeOrCopyTheNewOneWithoutSharingBuffers() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {3, 4}, 2).requiresGrad(true);
        a.mul(a).sum().backward();
        b.mul(b).sum().backward();
        Tensor aGrad = a.grad();
        Tensor bView = b.grad().reshape(1, 2);
        a.zeroGrad();
        b.zeroGrad();
        Tensor seed = Tensor.of(new float[] {1, 10}, 2);
        a.add(b).backward(seed);
        assertArrayEquals(new float[] {1, 10}, seed.toFloatArray(), "the caller's seed is left alone");
        assertArrayEquals(new float[] {1, 10}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 10}, b.grad().toFloatArray());
        assertArrayEquals(new float[] {1, 10}, bView.toFloatArray(), "a view of the gradient sees the new values");
        a.zeroGrad();
        a.mul(a).sum().backward();                                 // 2a: a fresh tensor, taken over
        assertTrue(aGrad == a.grad());
        assertArrayEquals(new float[] {2, 4}, a.grad().toFloatArray());
        a.grad().addInPlace(Tensor.of(new float[] {100, 100}, 2), 1f);
        assertArrayEquals(new float[] {1, 10}, b.grad().toFloatArray(), "the leaves share no buffer");
        assertArrayEquals(new float[] {1, 10}, seed.toFloatArray());
    }

    @Test
    void sumsGradientsOfATensorUsedTwice() {
        Tensor x = Tensor.of(new float[] {3}, 1).requiresGrad(true);
        Tensor y = x.add(x).mul(x);                                // 2x², dy/dx = 4x
        y.sum().backward();
        assertArrayEquals(new float[] {12}, x.grad().toFloatArray());
    }

    @Test
    void backPropagatesAGivenUpstreamGradient() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        x.mul(5f).backward(Tensor.of(new float[] {1, 10}, 2));
        assertArrayEquals(new float[] {5, 50}, x.grad().toFloatArray());
    }

    @Test
    void detachAndNoGradStopTheTape() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        assertFalse(x.detach().mul(2f).requiresGrad());
        try (NoGrad off = NoGrad.open()) {
            assertFalse(x.mul(2f).requiresGrad());
        }
        assertTrue(x.mul(2f).requiresGrad());
        Tensor y = x.mul(x.detach()).sum();                        // only the first factor is differentiated
        y.backward();
        assertArrayEquals(new float[] {1, 2}, x.grad().toFloatArray());
    }

    @Test
    void explainsBackwardOnANonScalar() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> x.mul(2f).backward());
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("backward(gradient)"), e.getMessage());
        var mismatch = assertThrows(IllegalArgumentException.class, () -> x.mul(2f).backward(Tensor.zeros(3)));
        assertTrue(mismatch.getMessage().contains("[3]") && mismatch.getMessage().contains("[2]"), mismatch.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensor.ones(1).backward());
    }

    @Test
    void explainsUseOfAFreedTensor() {
        Tensor kept;
        Tensor lost;
        try (Scope scope = Scope.open()) {
            kept = Tensor.ones(2).keep();
            lost = Tensor.ones(2);
        }
        assertArrayEquals(new float[] {1, 1}, kept.toFloatArray());
        var e = assertThrows(IllegalStateException.class, lost::toFloatArray);
        assertTrue(e.getMessage().contains("freed") && e.getMessage().contains("[2]"), e.getMessage());
        assertTrue(lost.toString().contains("freed"));
    }

    @Test
    void backwardOnAFreedGraphNamesTheProblem() {
        Tensor w = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor loss;
        try (Scope scope = Scope.open()) {
            loss = w.exp().sum().keep();
        }
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void leavesWithoutRequiresGradGetNoGradient() {
        Tensor a = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {2}, 1);
        a.mul(b).sum().backward();
        assertNull(b.grad());
        assertEquals(2f, a.grad().item());
    }
}
