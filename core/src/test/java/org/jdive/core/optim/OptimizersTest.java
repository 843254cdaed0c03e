package org.jdive.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against steps computed by hand from the published update rules (PyTorch's documentation of
 * each algorithm), in double precision, for a two-element parameter and three gradients.
 */
class OptimizersTest {

    private static final double[] P0 = {1.0, -2.0};
    private static final double[][] GRADS = {{0.5, -1.0}, {-0.25, 2.0}, {0.125, 0.75}};

    /** Runs {@code optimizer} on P0 with GRADS as the successive gradients; returns the final parameter. */
    private static float[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor p = Tensor.of(toFloats(P0), 2).keep().requiresGrad(true);
        try (Optimizer opt = make.apply(List.of(p))) {
            for (double[] g : GRADS) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    p.mul(Tensor.of(toFloats(g), 2)).sum().backward();   // d/dp (p·g) = g
                    opt.step();
                }
            }
            return p.toFloatArray();
        } finally {
            p.grad().close();
            p.close();
        }
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void sgdStepsAgainstTheRuleWrittenOut() {
        // plain: p -= lr·g, three times: 1 - 0.1·(0.5 - 0.25 + 0.125), -2 - 0.1·(-1 + 2 + 0.75)
        assertClose(new double[] {0.9625, -2.175}, run(ps -> new Sgd(ps, 0.1f)));
        for (boolean nesterov : new boolean[] {false, true}) {
            for (float wd : new float[] {0f, 0.1f}) {
                double lr = 0.1, mu = 0.9;
                double[] p = P0.clone();
                double[] v = new double[2];
                for (int t = 0; t < GRADS.length; t++) {
                    for (int i = 0; i < 2; i++) {
                        double g = GRADS[t][i] + wd * p[i];
                        v[i] = t == 0 ? g : mu * v[i] + g;
                        p[i] -= lr * (nesterov ? g + mu * v[i] : v[i]);
                    }
                }
                final float decay = wd;
                assertClose(p, run(ps -> new Sgd(ps, 0.1f, 0.9f, decay, nesterov)));
            }
        }
    }

    @Test
    void sgdDampeningScalesTheGradientIntoTheBufferAfterTheFirstStep() {
        double[] p = P0.clone();
        double[] v = new double[2];
        for (int t = 0; t < GRADS.length; t++) {
            for (int i = 0; i < 2; i++) {
                v[i] = t == 0 ? GRADS[t][i] : 0.9 * v[i] + 0.5 * GRADS[t][i];
                p[i] -= 0.1 * v[i];
            }
        }
        assertClose(p, run(ps -> new Sgd(ps, 0.1f, 0.9f, 0.5f, 0f, false)));
    }

    @Test
    void adamFirstStepMovesEachCoordinateByTheLearningRate() {
        // m̂ = g and v̂ = g² after one step, so the step is lr·g/(|g| + eps) ≈ lr·sign(g).
        Tensor p = Tensor.of(toFloats(P0), 2).keep().requiresGrad(true);
        try (Optimizer adam = new Adam(List.of(p), 0.01f); Scope s = Scope.open()) {
            p.mul(Tensor.of(new float[] {0.5f, -1f}, 2)).sum().backward();
            adam.step();
            assertArrayEquals(new float[] {0.99f, -1.99f}, p.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void adamAndAdamWAgainstTheRuleWrittenOut() {
        for (boolean decoupled : new boolean[] {false, true}) {
            double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
            double[] p = P0.clone();
            double[] m = new double[2];
            double[] v = new double[2];
            for (int t = 1; t <= GRADS.length; t++) {
                for (int i = 0; i < 2; i++) {
                    double g = GRADS[t - 1][i];
                    if (decoupled) {
                        p[i] *= 1 - lr * wd;
                    } else {
                        g += wd * p[i];
                    }
                    m[i] = b1 * m[i] + (1 - b1) * g;
                    v[i] = b2 * v[i] + (1 - b2) * g * g;
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
            assertClose(p, run(ps -> decoupled ? new AdamW(ps, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f)
                    : new Adam(ps, 0.01f, 0.9f, 0.999f, 1e-8f, 0.1f)));
        }
    }

    @Test
    void yogiAgainstTheRuleWrittenOut() {
        // D2L 12.10.3: s moves by (1 - β2)·g² towards g², whatever the distance; bias-corrected as Adam.
        for (float wd : new float[] {0f, 0.1f}) {
            double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-3;
            double[] p = P0.clone();
            double[] v = new double[2];
            double[] s = new double[2];
            for (int t = 1; t <= GRADS.length; t++) {
                for (int i = 0; i < 2; i++) {
                    double g = GRADS[t - 1][i] + wd * p[i];
                    v[i] = b1 * v[i] + (1 - b1) * g;
                    s[i] = s[i] + (1 - b2) * Math.signum(g * g - s[i]) * g * g;
                    double vHat = v[i] / (1 - Math.pow(b1, t));
                    double sHat = s[i] / (1 - Math.pow(b2, t));
                    p[i] -= lr * vHat / (Math.sqrt(sHat) + eps);
                }
            }
            final float decay = wd;
            assertClose(p, run(ps -> new Yogi(ps, 0.01f, 0.9f, 0.999f, 1e-3f, decay)));
        }
    }

    @Test
    void yogiStepsByHand() {
        // Step 1, gradient (0.5, -2): v = 0.1·g, s = 0.001·g², so v̂ = g, ŝ = g² and the step is lr·g/(|g| + eps):
        // 0.1·0.5/0.501 = 0.0998004 and 0.1·(-2)/2.001 = -0.0999500.
        // Step 2, gradient (0.1, 0.01): where g² > s, s grows by 0.001·g²: 0.00025 + 0.00001 = 0.00026; where g² < s it
        // shrinks by as much, 0.004 - 0.001·0.0001 = 0.0039999 (Adam's would shrink it by a thousandth of itself to
        // 0.0039961). v = 0.9·0.05 + 0.1·0.1 = 0.055 and 0.9·(-0.2) + 0.1·0.01 = -0.179; with 1 - 0.9² = 0.19 and
        // 1 - 0.999² = 0.001999 the steps are 0.1·(0.055/0.19)/(√(0.00026/0.001999) + 0.001) = 0.0800435 and
        // 0.1·(-0.179/0.19)/(√(0.0039999/0.001999) + 0.001) = -0.0665540.
        Tensor q = Tensor.of(new float[] {1f, 1f}, 2).keep().requiresGrad(true);
        try (Optimizer yogi = new Yogi(List.of(q), 0.1f); Scope s = Scope.open()) {
            q.mul(Tensor.of(new float[] {0.5f, -2f}, 2)).sum().backward();
            yogi.step();
            assertArrayEquals(new float[] {1f - 0.0998004f, 1f + 0.0999500f}, q.toFloatArray(), 1e-6f);
            yogi.zeroGrad();
            q.mul(Tensor.of(new float[] {0.1f, 0.01f}, 2)).sum().backward();
            yogi.step();
            assertArrayEquals(new float[] {0.8201561f, 1.1665041f}, q.toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {0.00026f, 0.0039999f}, yogi.stateDict().get("state.0.exp_avg_sq").toFloatArray(),
                    1e-7f); // float rounding of 1 - β2; Adam's 0.0039961 is 4e-6 away
            assertEquals(List.of("state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step"),
                    List.copyOf(yogi.stateDict().keySet()));
        } finally {
            q.grad().close();
            q.close();
        }
    }

    @Test
    void rmsPropPlainCentredAndWithMomentum() {
        for (boolean centred : new boolean[] {false, true}) {
            for (float momentum : new float[] {0f, 0.9f}) {
                double lr = 0.01, alpha = 0.99, eps = 1e-8;
                double[] p = P0.clone();
                double[] sq = new double[2];
                double[] avg = new double[2];
                double[] buf = new double[2];
                for (double[] grad : GRADS) {
                    for (int i = 0; i < 2; i++) {
                        double g = grad[i];
                        sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                        double denom;
                        if (centred) {
                            avg[i] = alpha * avg[i] + (1 - alpha) * g;
                            denom = Math.sqrt(sq[i] - avg[i] * avg[i]) + eps;
                        } else {
                            denom = Math.sqrt(sq[i]) + eps;
                        }
                        if (momentum > 0) {
                            buf[i] = momentum * buf[i] + g / denom;
                            p[i] -= lr * buf[i];
                        } else {
                            p[i] -= lr * g / denom;
                        }
                    }
                }
                final float mom = momentum;
                assertClose(p, run(ps -> new RmsProp(ps, 0.01f, 0.99f, 1e-8f, 0f, mom, centred)));
            }
        }
    }

    @Test
    void adagradWithLearningRateDecay() {
        double lr = 0.1, decay = 0.5, eps = 1e-10;
        double[] p = P0.clone();
        double[] sum = new double[2];
        for (int t = 1; t <= GRADS.length; t++) {
            double clr = lr / (1 + (t - 1) * decay);
            for (int i = 0; i < 2; i++) {
                double g = GRADS[t - 1][i];
                sum[i] += g * g;
                p[i] -= clr * g / (Math.sqrt(sum[i]) + eps);
            }
        }
        assertClose(p, run(ps -> new Adagrad(ps, 0.1f, 0.5f, 0f, 1e-10f)));
        // The first step of plain Adagrad is lr·sign(g), by hand.
        Tensor q = Tensor.of(new float[] {3f}, 1).keep().requiresGrad(true);
        try (Optimizer ada = new Adagrad(List.of(q), 0.5f); Scope s = Scope.open()) {
            q.mul(Tensor.of(new float[] {-4f}, 1)).sum().backward();
            ada.step();
            assertEquals(3.5f, q.toFloatArray()[0], 1e-6f);
        }
    }

    @Test
    void adadeltaWithWeightDecay() {
        double lr = 1.0, rho = 0.9, eps = 1e-6, wd = 0.01;
        double[] p = P0.clone();
        double[] sq = new double[2];
        double[] acc = new double[2];
        for (double[] grad : GRADS) {
            for (int i = 0; i < 2; i++) {
                double g = grad[i] + wd * p[i];
                sq[i] = rho * sq[i] + (1 - rho) * g * g;
                double delta = Math.sqrt(acc[i] + eps) / Math.sqrt(sq[i] + eps) * g;
                acc[i] = rho * acc[i] + (1 - rho) * delta * delta;
                p[i] -= lr * delta;
            }
        }
        assertClose(p, run(ps -> new Adadelta(ps, 1f, 0.9f, 1e-6f, 0.01f)));
    }

    @Test
    void parametersWithoutAGradientAreSkippedAndStateIsNamedAsPyTorchNamesIt() {
        Tensor a = Tensor.of(new float[] {1f, 2f}, 2).keep().requiresGrad(true);
        Tensor b = Tensor.of(new float[] {3f}, 1).keep().requiresGrad(true);
        try (Optimizer adam = new Adam(List.of(a, b), 0.1f); Scope s = Scope.open()) {
            a.sum().backward();
            adam.step();
            assertArrayEquals(new float[] {3f}, b.toFloatArray());
            assertEquals(1, adam.steps(0));
            assertEquals(0, adam.steps(1));
            Map<String, Tensor> state = adam.stateDict();
            assertEquals(List.of("state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step"), List.copyOf(state.keySet()));
            assertEquals(1f, state.get("state.0.step").item());
        }
    }

    @Test
    void stateRoundTripContinuesExactlyAndBadStateIsNamed() {
        Tensor a = Tensor.of(new float[] {1f, -1f}, 2).keep().requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1f, -1f}, 2).keep().requiresGrad(true);
        try (Optimizer first = new RmsProp(List.of(a), 0.01f, 0.9f, 1e-8f, 0f, 0.5f, true);
             Optimizer second = new RmsProp(List.of(b), 0.01f, 0.9f, 1e-8f, 0f, 0.5f, true);
             Scope s = Scope.open()) {
            a.square().sum().backward();
            first.step();
            b.copyFromInPlace(a);
            second.loadStateDict(first.stateDict());
            first.zeroGrad();
            a.square().sum().backward();
            first.step();
            b.square().sum().backward();
            second.step();
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());

            var bad = Map.of("state.0.exp_avg", Tensor.zeros(2));
            var e = assertThrows(IllegalArgumentException.class, () -> second.loadStateDict(bad));
            assertTrue(e.getMessage().contains("state.0.exp_avg") && e.getMessage().contains("square_avg"), e.getMessage());
            var misShaped = Map.of("state.0.square_avg", Tensor.zeros(3), "state.0.step", Tensor.scalar(1f));
            e = assertThrows(IllegalArgumentException.class, () -> second.loadStateDict(misShaped));
            assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        }
    }

    @Test
    void badHyperparametersAreRefusedWithTheirName() {
        Tensor p = Tensor.zeros(1).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1f, 0f, 0f, true));
        assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1f, 1f, 0.999f, 1e-8f, 0f));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Yogi(List.of(p), 0.1f, 0.9f, 1f, 1e-3f, 0f));
        assertTrue(e.getMessage().contains("Yogi") && e.getMessage().contains("beta2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), -1f));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        p.close();
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
