package org.jdive.models.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * Chapter 12's optimisers as jdive builds them against the book's own from-scratch code (its PyTorch tab, transcribed
 * into double precision here: {@code sgd}, {@code sgd_momentum}, {@code adagrad}, {@code rmsprop}, {@code adadelta},
 * {@code adam}, {@code yogi} with their hyperparameters and ε), over five steps of a two-element parameter.
 */
class BookOptimizerTest {

    private static final double[] P0 = {1.0, -2.0};
    private static final double[][] GRADS = {{0.5, -1.0}, {-0.25, 2.0}, {0.125, 0.75}, {0.3, -0.4}, {-0.6, 0.05}};

    private static double[] jdive(BookOptimizer which, float lr, Map<String, Double> given) {
        Tensor p = Tensor.of(new float[] {(float) P0[0], (float) P0[1]}, 2).keep().requiresGrad(true);
        try (Optimizer opt = which.create(List.of(p), lr, given)) {
            for (double[] g : GRADS) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    p.mul(Tensor.of(new float[] {(float) g[0], (float) g[1]}, 2)).sum().backward();
                    opt.step();
                }
            }
            float[] f = p.toFloatArray();
            return new double[] {f[0], f[1]};
        } finally {
            p.grad().close();
            p.close();
        }
    }

    /** The book's update of one coordinate: state {@code s}, {@code v}, {@code d} and the step count {@code t} from 1. */
    private interface Rule {
        double step(double p, double g, double[] state, int t);
    }

    private static double[] book(Rule rule) {
        double[] p = P0.clone();
        double[][] state = new double[2][3];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < 2; i++) {
                p[i] = rule.step(p[i], GRADS[t - 1][i], state[i], t);
            }
        }
        return p;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-5 * Math.max(1, Math.abs(expected[i])), what + ", element " + i);
        }
    }

    @Test
    void eachOptimiserStepsAsTheBooksCode() {
        assertClose(book((p, g, s, t) -> p - 0.05 * g), jdive(BookOptimizer.SGD, 0.05f, Map.of()), "sgd");
        for (double beta : new double[] {0.5, 0.9}) {
            assertClose(book((p, g, s, t) -> {
                s[0] = beta * s[0] + g;                                   // v[:] = momentum * v + p.grad
                return p - 0.02 * s[0];                                   // p[:] -= lr * v
            }), jdive(BookOptimizer.MOMENTUM, 0.02f, Map.of("momentum", beta)), "momentum " + beta);
        }
        assertClose(book((p, g, s, t) -> {
            s[0] += g * g;                                                // s[:] += torch.square(p.grad)
            return p - 0.1 * g / Math.sqrt(s[0] + 1e-6);                  // eps = 1e-6, inside the root
        }), jdive(BookOptimizer.ADAGRAD, 0.1f, Map.of()), "adagrad");
        assertClose(book((p, g, s, t) -> {
            s[0] = 0.9 * s[0] + 0.1 * g * g;                              // gamma = 0.9
            return p - 0.01 * g / Math.sqrt(s[0] + 1e-6);
        }), jdive(BookOptimizer.RMSPROP, 0.01f, Map.of()), "rmsprop");
        assertClose(book((p, g, s, t) -> {
            s[0] = 0.9 * s[0] + 0.1 * g * g;                              // rho = 0.9, eps = 1e-5
            double step = Math.sqrt(s[1] + 1e-5) / Math.sqrt(s[0] + 1e-5) * g;
            s[1] = 0.9 * s[1] + 0.1 * step * step;
            return p - step;                                              // no learning rate
        }), jdive(BookOptimizer.ADADELTA, 1f, Map.of()), "adadelta");
        assertClose(book((p, g, s, t) -> {
            s[0] = 0.9 * s[0] + 0.1 * g;                                  // beta1, beta2, eps = 0.9, 0.999, 1e-6
            s[1] = 0.999 * s[1] + 0.001 * g * g;
            return p - 0.01 * (s[0] / (1 - Math.pow(0.9, t))) / (Math.sqrt(s[1] / (1 - Math.pow(0.999, t))) + 1e-6);
        }), jdive(BookOptimizer.ADAM, 0.01f, Map.of()), "adam");
        assertClose(book((p, g, s, t) -> {
            s[0] = 0.9 * s[0] + 0.1 * g;                                  // beta1, beta2, eps = 0.9, 0.999, 1e-3
            s[1] = s[1] + 0.001 * Math.signum(g * g - s[1]) * g * g;
            return p - 0.01 * (s[0] / (1 - Math.pow(0.9, t))) / (Math.sqrt(s[1] / (1 - Math.pow(0.999, t))) + 1e-3);
        }), jdive(BookOptimizer.YOGI, 0.01f, Map.of()), "yogi");
    }

    @Test
    void givenHyperparametersReplaceTheBooksAndOthersAreRefused() {
        assertClose(book((p, g, s, t) -> {
            s[0] = 0.5 * s[0] + 0.5 * g * g;
            return p - 0.01 * g / Math.sqrt(s[0] + 1e-6);
        }), jdive(BookOptimizer.RMSPROP, 0.01f, Map.of("gamma", 0.5)), "rmsprop, γ = 0.5");
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class, () -> BookOptimizer.ADAM.create(List.of(p), 0.1f,
                Map.of("rho", 0.9)));
        assertTrue(e.getMessage().contains("adam has no hyperparameter 'rho'")
                && e.getMessage().contains("beta1, beta2, eps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BookOptimizer.SGD.create(List.of(p), 0.1f, Map.of("eps", 1e-3)));
        assertTrue(e.getMessage().contains("only the learning rate"), e.getMessage());
        p.close();
        assertEquals(List.of("sgd", "momentum", "adagrad", "rmsprop", "adadelta", "adam", "yogi"), BookOptimizer.ids());
    }
}
