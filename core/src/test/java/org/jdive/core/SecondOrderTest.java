package org.jdive.core;

import static org.jdive.core.GradCheck.away;
import static org.jdive.core.GradCheck.checkRecording;
import static org.jdive.core.GradCheck.checkSecondOrder;
import static org.jdive.core.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.junit.jupiter.api.Test;

/**
 * Double backward: gradients taken with {@code createGraph} differentiate again. Every rule's second derivative is
 * checked against finite differences of its first derivative, and the gradient penalty of WGAN-GP against finite
 * differences of the penalty itself.
 */
class SecondOrderTest {

    private final UniformRandomProvider rng = Rng.seeded(7);

    @Test
    void unaryFunctions() {
        int[] s = {2, 3};
        checkSecondOrder("exp", x -> x[0].exp(), away(rng, .1f, 1, s));
        checkSecondOrder("log", x -> x[0].log(), uniform(rng, .5f, 2, s));
        checkSecondOrder("sqrt", x -> x[0].sqrt(), uniform(rng, .5f, 2, s));
        checkSecondOrder("square", x -> x[0].square(), away(rng, .1f, 1, s));
        checkSecondOrder("reciprocal", x -> x[0].reciprocal(), uniform(rng, .7f, 2, s));
        checkSecondOrder("sin", x -> x[0].sin(), away(rng, .1f, 2, s));
        checkSecondOrder("cos", x -> x[0].cos(), away(rng, .1f, 2, s));
        checkSecondOrder("tanh", x -> x[0].tanh(), away(rng, .1f, 1.5f, s));
        checkSecondOrder("sigmoid", x -> x[0].sigmoid(), away(rng, .1f, 2, s));
        checkSecondOrder("pow scalar", x -> x[0].pow(2.5f), uniform(rng, .5f, 2, s));
        checkSecondOrder("rdiv", x -> x[0].rdiv(2f), uniform(rng, .7f, 2, s));
        checkSecondOrder("abs·y", x -> x[0].abs().mul(x[1]), away(rng, .1f, 1, s), away(rng, .1f, 1, s));
    }

    @Test
    void piecewiseLinearActivationsPassTheMixedTerm() {
        int[] s = {2, 3};
        checkSecondOrder("relu·y", x -> x[0].relu().mul(x[1]), away(rng, .1f, 1, s), away(rng, .1f, 1, s));
        checkSecondOrder("leakyRelu·y", x -> x[0].leakyRelu(0.2f).mul(x[1]), away(rng, .1f, 1, s),
                away(rng, .1f, 1, s));
        checkSecondOrder("clamp·y", x -> x[0].clamp(-.5f, .5f).mul(x[1]),
                Tensor.of(new float[] {-0.9f, -0.3f, 0.1f, 0.4f, 0.8f, 0.2f}, 2, 3), away(rng, .1f, 1, s));
    }

    @Test
    void binaryOpsWithBroadcasting() {
        checkSecondOrder("mul", x -> x[0].mul(x[1]).square(), away(rng, .2f, 1, 3, 4), away(rng, .2f, 1, 4));
        checkSecondOrder("div", x -> x[0].div(x[1]), away(rng, .2f, 1, 3, 4), uniform(rng, .7f, 2, 4));
        checkSecondOrder("sub", x -> x[0].sub(x[1]).square(), away(rng, .2f, 1, 2, 3), away(rng, .2f, 1, 3));
        checkSecondOrder("pow", x -> x[0].pow(x[1]), uniform(rng, .5f, 2, 2, 3), uniform(rng, -1, 2, 3));
        checkSecondOrder("maximum", x -> x[0].maximum(x[1]).square(),
                Tensor.of(new float[] {1, -2, 3, 0.7f, -1, 2}, 2, 3), Tensor.of(new float[] {0.5f, 1, -1}, 3));
    }

    @Test
    void reductionsAndSoftmax() {
        checkSecondOrder("sum axis", x -> x[0].sum(1, false).square(), away(rng, .1f, 1, 2, 3, 2));
        checkSecondOrder("mean", x -> x[0].square().mean().sqrt(), away(rng, .2f, 1, 3, 4));
        checkSecondOrder("max", x -> x[0].max(1, false).square(), Tensor.of(new float[] {1, 3, -2, 0.5f, -1, 2}, 2, 3));
        checkSecondOrder("softmax", x -> x[0].softmax(1), away(rng, .1f, 2, 2, 4));
        checkSecondOrder("logSoftmax", x -> x[0].logSoftmax(1), away(rng, .1f, 2, 2, 4));
    }

    @Test
    void shapeAndIndexingOps() {
        checkSecondOrder("permute", x -> x[0].permute(2, 0, 1).square(), away(rng, .1f, 1, 2, 3, 2));
        checkSecondOrder("slice", x -> x[0].slice(1, 1, 3).square(), away(rng, .1f, 1, 2, 4));
        checkSecondOrder("concat", x -> Tensor.concat(1, x[0], x[1]).square(), away(rng, .1f, 1, 2, 2),
                away(rng, .1f, 1, 2, 3));
        checkSecondOrder("broadcastTo", x -> x[0].broadcastTo(3, 4).square(), away(rng, .1f, 1, 4));
        Tensor index = Tensor.of(new float[] {2, 0, 0, 1, 1, 1}, 2, 3);
        checkSecondOrder("gather", x -> x[0].gather(1, index).square(), away(rng, .1f, 1, 2, 3));
        checkSecondOrder("where", x -> Tensor.where(index, x[0], x[1]).square(), away(rng, .1f, 1, 2, 3),
                away(rng, .1f, 1, 2, 3));
    }

    @Test
    void linearAndMatmul() {
        checkSecondOrder("linear", x -> x[0].linear(x[1]).add(x[2]).tanh(), away(rng, .1f, 1, 2, 3, 4),
                away(rng, .1f, .5f, 3, 4), away(rng, .1f, .5f, 3));
        checkSecondOrder("matmul 2-D", x -> x[0].matmul(x[1]).square(), away(rng, .1f, 1, 3, 4),
                away(rng, .1f, 1, 4, 2));
        checkSecondOrder("matmul of transposes", x -> x[0].t().matmul(x[1].t()).sigmoid(), away(rng, .1f, 1, 4, 3),
                away(rng, .1f, 1, 2, 4));
    }

    @Test
    void convolutionsAndAveragePooling() {
        checkSecondOrder("conv2d", x -> x[0].conv2d(x[1], x[2], 2, 1).tanh(), away(rng, .1f, 1, 2, 2, 5, 5),
                away(rng, .1f, .5f, 3, 2, 3, 3), away(rng, .1f, .5f, 3));
        checkSecondOrder("conv_transpose2d", x -> x[0].convTranspose2d(x[1], 2, 1, 1).square(),
                away(rng, .1f, 1, 1, 2, 3, 3), away(rng, .1f, .5f, 2, 3, 3, 3));
        checkSecondOrder("avg_pool2d", x -> x[0].avgPool2d(2, 2, 1).square(), away(rng, .1f, 1, 1, 2, 4, 4));
    }

    @Test
    void gradientPenaltyOfAnMlpCritic() {
        Tensor x = away(rng, .1f, 1, 4, 2);
        checkRecording("‖∇ₓD‖ penalty, MLP", p -> penalty(x, h -> mlp(h, p)),
                uniform(rng, -.7f, .7f, 8, 2), uniform(rng, -.3f, .3f, 8),
                uniform(rng, -.5f, .5f, 6, 8), uniform(rng, -.3f, .3f, 6),
                uniform(rng, -.5f, .5f, 1, 6), uniform(rng, -.3f, .3f, 1));
    }

    @Test
    void gradientPenaltyOfAConvCritic() {
        Tensor x = away(rng, .1f, 1, 2, 1, 6, 6);
        checkRecording("‖∇ₓD‖ penalty, conv net", p -> penalty(x, h -> h.conv2d(p[0], p[1], 2, 1).sigmoid()
                        .conv2d(p[2], null, 1, 0).tanh().flatten(1).linear(p[3])),
                uniform(rng, -.5f, .5f, 3, 1, 3, 3), uniform(rng, -.2f, .2f, 3),
                uniform(rng, -.5f, .5f, 2, 3, 2, 2), uniform(rng, -.5f, .5f, 1, 8));
    }

    private static Tensor mlp(Tensor h, Tensor[] p) {
        return h.linear(p[0]).add(p[1]).leakyRelu(0.2f).linear(p[2]).add(p[3]).tanh().linear(p[4]).add(p[5]);
    }

    /** WGAN-GP's penalty {@code mean_i (‖∇ₓD(x_i)‖₂ − 1)²}, differentiable in D's parameters. */
    private static Tensor penalty(Tensor x, java.util.function.Function<Tensor, Tensor> critic) {
        Tensor xh = x.detach().requiresGrad(true);
        Tensor grad = critic.apply(xh).sum().gradient(true, xh)[0];
        return grad.flatten(1).square().sum(1, false).sqrt().sub(1f).square().mean();
    }

    @Test
    void firstOrderGradientsMatchBackwardAndLeaveGradAlone() {
        try (Scope scope = Scope.open()) {
            Tensor w = Tensor.of(new float[] {0.5f, -1, 2, 0.25f}, 2, 2).requiresGrad(true);
            Tensor x = Tensor.of(new float[] {1, 2, -1, 0.5f}, 2, 2).requiresGrad(true);
            Tensor y = x.linear(w).tanh().sum();
            Tensor[] g = y.gradient(false, w, x);
            assertNull(w.grad());
            assertFalse(g[0].requiresGrad());
            y.backward();
            assertArrayEquals(w.grad().toFloatArray(), g[0].toFloatArray());
            assertArrayEquals(x.grad().toFloatArray(), g[1].toFloatArray());
            w.grad().close();
            x.grad().close();
        }
    }

    @Test
    void gradientWithRespectToAnIntermediate() {
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
            Tensor h = x.mul(2f);
            Tensor[] g = h.square().sum().gradient(true, h);
            assertArrayEquals(new float[] {4, 8, 12}, g[0].toFloatArray());
            assertTrue(g[0].requiresGrad(), "2h depends on x");
        }
    }

    @Test
    void createGraphThroughMaxPoolingNamesTheOp() {
        try (Scope scope = Scope.open()) {
            Tensor x = away(Rng.seeded(1), .1f, 1, 1, 1, 4, 4).requiresGrad(true);
            Tensor y = x.maxPool2d(2, 2, 0).square().sum();
            var e = assertThrows(IllegalStateException.class, () -> y.gradient(true, x));
            assertTrue(e.getMessage().contains("'max_pool2d'"), e.getMessage());
            assertEquals(16, y.gradient(false, x)[0].size());
        }
    }

    @Test
    void anInputOutsideTheGraphIsNamed() {
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.ones(2).requiresGrad(true);
            Tensor other = Tensor.ones(2).requiresGrad(true);
            var e = assertThrows(IllegalArgumentException.class, () -> x.square().sum().gradient(true, x, other));
            assertTrue(e.getMessage().contains("input 1"), e.getMessage());
        }
    }

    @Test
    void penaltyStepsLeaveNoBuffersBehind() {
        Backend cpu = Backends.cpu();
        UniformRandomProvider r = Rng.seeded(3);
        Tensor[] p = {
            Tensor.randn(r, 8, 2).mul(0.5f).keep().requiresGrad(true), Tensor.zeros(8).requiresGrad(true),
            Tensor.randn(r, 6, 8).mul(0.3f).keep().requiresGrad(true), Tensor.zeros(6).requiresGrad(true),
            Tensor.randn(r, 1, 6).mul(0.3f).keep().requiresGrad(true), Tensor.zeros(1).requiresGrad(true)
        };
        Tensor x = Tensor.randn(r, 16, 2).keep();
        long before = -1;
        for (int step = 0; step < 50; step++) {
            try (Scope scope = Scope.open()) {
                penalty(x, h -> mlp(h, p)).backward();
                for (Tensor t : p) {
                    if (t.grad() != null) {         // the last bias does not move ∇ₓD
                        t.addInPlace(t.grad(), -0.01f);
                        t.zeroGrad();
                    }
                }
            }
            if (step == 1) {
                before = cpu.liveBuffers();
            }
        }
        assertEquals(before, cpu.liveBuffers(), "live buffers after 50 penalty steps");
    }
}
