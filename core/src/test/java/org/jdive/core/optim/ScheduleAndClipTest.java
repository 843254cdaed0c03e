package org.jdive.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules at chosen steps, and gradient clipping by norm and by value. */
class ScheduleAndClipTest {

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.3f, LrSchedule.constant(0.3f).lr(1000));
        LrSchedule step = LrSchedule.step(1f, 10, 0.5f);
        assertEquals(1f, step.lr(9));
        assertEquals(0.5f, step.lr(10));
        assertEquals(0.25f, step.lr(25));
        LrSchedule multi = LrSchedule.multiFactor(0.5f, new int[] {15, 30}, 0.5f);
        assertEquals(0.5f, multi.lr(14));
        assertEquals(0.25f, multi.lr(15));
        assertEquals(0.125f, multi.lr(40));
        // D2L 12.11's CosineScheduler(max_update=20, base_lr=0.3, final_lr=0.01, warmup_steps=5)
        LrSchedule cosine = LrSchedule.cosine(0.3f, 0.01f, 20, 5, 0f);
        assertEquals(0f, cosine.lr(0));
        assertEquals(0.18f, cosine.lr(3), 1e-6f);
        assertEquals(0.3f, cosine.lr(5), 1e-6f);
        assertEquals(0.01f + 0.29f * (1 + Math.cos(Math.PI * 7 / 15)) / 2, cosine.lr(12), 1e-6f);
        assertEquals(0.01f, cosine.lr(20), 1e-7f);
        assertEquals(0.01f, cosine.lr(99), 1e-7f);
        LrSchedule linear = LrSchedule.linear(1f, 0f, 4);
        assertEquals(0.75f, linear.lr(1));
        assertEquals(0f, linear.lr(10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.multiFactor(1f, new int[] {5, 5}, 0.1f));
    }

    /** D2L 12.11's {@code FactorScheduler}, transcribed: stateful, it multiplies its rate by the factor at each call. */
    private static final class BookFactorScheduler {
        private final double factor;
        private final double stop;
        private double lr;

        BookFactorScheduler(double factor, double stopFactorLr, double baseLr) {
            this.factor = factor;
            this.stop = stopFactorLr;
            this.lr = baseLr;
        }

        double call() {
            lr = Math.max(stop, lr * factor);
            return lr;
        }
    }

    /** D2L 12.11's {@code CosineScheduler}, transcribed with its state ({@code base_lr} kept past {@code max_update}). */
    private static final class BookCosineScheduler {
        private final double baseOrig;
        private final int maxUpdate;
        private final double finalLr;
        private final int warmup;
        private final double warmupBegin;
        private final int maxSteps;
        private double baseLr;

        BookCosineScheduler(int maxUpdate, double baseLr, double finalLr, int warmupSteps, double warmupBeginLr) {
            this.baseOrig = baseLr;
            this.maxUpdate = maxUpdate;
            this.finalLr = finalLr;
            this.warmup = warmupSteps;
            this.warmupBegin = warmupBeginLr;
            this.maxSteps = maxUpdate - warmupSteps;
        }

        double call(int epoch) {
            if (epoch < warmup) {
                return warmupBegin + (baseOrig - warmupBegin) * epoch / warmup;
            }
            if (epoch <= maxUpdate) {
                baseLr = finalLr + (baseOrig - finalLr) * (1 + Math.cos(Math.PI * (epoch - warmup) / maxSteps)) / 2;
            }
            return baseLr;
        }
    }

    @Test
    void theFactorScheduleIsTheBooksAsItsTrainingLoopAppliesIt() {
        // the book's plot: FactorScheduler(factor=0.9, stop_factor_lr=1e-2, base_lr=2.0) over 50 updates; its loop
        // trains epoch 0 at base_lr and epoch e >= 1 at what the scheduler returned after epoch e - 1
        BookFactorScheduler book = new BookFactorScheduler(0.9, 1e-2, 2.0);
        LrSchedule factor = LrSchedule.factor(2f, 0.9f, 1e-2f);
        assertEquals(2f, factor.lr(0));
        for (int e = 1; e <= 50; e++) {
            double expected = book.call();
            // 0.9f is 0.9 to 2.6e-8 relative, so the powers agree to about e times that
            assertEquals(expected, factor.lr(e), 1e-5 * expected, "epoch " + e);
        }
        assertEquals(1e-2f, factor.lr(51), "2 · 0.9^51 is below the floor");
        assertEquals(1e-2f, factor.lr(1000));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.factor(1f, 1.5f, 0f));
    }

    @Test
    void theCosineScheduleIsTheBooksWithAndWithoutWarmUp() {
        for (int warmup : new int[] {0, 5}) { // CosineScheduler(20, warmup_steps=..., base_lr=0.3, final_lr=0.01)
            BookCosineScheduler book = new BookCosineScheduler(20, 0.3, 0.01, warmup, 0);
            LrSchedule cosine = LrSchedule.cosine(0.3f, 0.01f, 20, warmup, 0f);
            for (int t = 0; t < 30; t++) {
                assertEquals(book.call(t), cosine.lr(t), 1e-6, "warm-up " + warmup + ", step " + t);
            }
        }
    }

    @Test
    void theMultiFactorScheduleIsPyTorchsMultiStepLr() {
        // lr_scheduler.MultiStepLR(SGD(lr=0.5), milestones=[15, 30], gamma=0.5): get_last_lr() after e steps
        LrSchedule multi = LrSchedule.multiFactor(0.5f, new int[] {15, 30}, 0.5f);
        for (int e = 0; e < 40; e++) {
            assertEquals(e < 15 ? 0.5f : e < 30 ? 0.25f : 0.125f, multi.lr(e), "epoch " + e);
        }
    }

    @Test
    void aScheduleSetsTheOptimizersRate() {
        Tensor p = Tensor.zeros(1).keep().requiresGrad(true);
        try (Optimizer sgd = new Sgd(List.of(p), 1f)) {
            LrSchedule.step(1f, 1, 0.1f).applyTo(sgd, 2);
            assertEquals(0.01f, sgd.lr(), 1e-8f);
        }
        p.close();
    }

    @Test
    void clippingByNormScalesAllGradientsTogether() {
        Tensor a = Tensor.zeros(2).keep().requiresGrad(true);
        Tensor b = Tensor.zeros(1).keep().requiresGrad(true);
        Tensor unused = Tensor.zeros(1).keep().requiresGrad(true);
        try (Scope s = Scope.open()) {
            a.mul(Tensor.of(new float[] {3f, 0f}, 2)).sum().add(b.mul(4f).sum()).backward();  // grads (3, 0), (4): norm 5
            float norm = GradClip.byNorm(List.of(a, b, unused), 1f);
            assertEquals(5f, norm, 1e-6f);
            assertArrayEquals(new float[] {0.6f, 0f}, a.grad().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.8f}, b.grad().toFloatArray(), 1e-6f);
            assertEquals(1f, GradClip.byNorm(List.of(a, b), 10f), 1e-6f);        // under the limit: untouched
            assertArrayEquals(new float[] {0.8f}, b.grad().toFloatArray(), 1e-6f);
            GradClip.byValue(List.of(a, b), 0.7f);
            assertArrayEquals(new float[] {0.6f, 0f}, a.grad().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0.7f}, b.grad().toFloatArray(), 1e-6f);
        }
        for (Tensor t : List.of(a, b)) {
            t.grad().close();
            t.close();
        }
        unused.close();
    }
}
