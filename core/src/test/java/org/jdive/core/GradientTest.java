package org.jdive.core;

import static org.jdive.core.GradCheck.away;
import static org.jdive.core.GradCheck.check;
import static org.jdive.core.GradCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Every differentiable op's gradient rule against central finite differences, broadcasting included. */
class GradientTest {

    private final UniformRandomProvider rng = Rng.seeded(42);

    @Test
    void arithmeticWithBroadcasting() {
        int[][][] shapes = {{{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{2, 1, 3}, {4, 1}}, {{5}, {2, 5}}, {{}, {2, 3}}};
        for (int[][] s : shapes) {
            check("add " + s.length, x -> x[0].add(x[1]), away(rng, .2f, 1, s[0]), away(rng, .2f, 1, s[1]));
            check("sub", x -> x[0].sub(x[1]), away(rng, .2f, 1, s[0]), away(rng, .2f, 1, s[1]));
            check("mul", x -> x[0].mul(x[1]), away(rng, .2f, 1, s[0]), away(rng, .2f, 1, s[1]));
            check("div", x -> x[0].div(x[1]), away(rng, .2f, 1, s[0]), uniform(rng, .5f, 2, s[1]));
            check("pow", x -> x[0].pow(x[1]), uniform(rng, .5f, 2, s[0]), uniform(rng, -1, 2, s[1]));
        }
    }

    @Test
    void maximumAndMinimum() {
        Tensor a = Tensor.of(new float[] {1, -2, 3, 0.7f, -1, 2}, 2, 3);
        Tensor b = Tensor.of(new float[] {0.5f, 1, -1}, 3);
        check("maximum", x -> x[0].maximum(x[1]), a, b);
        check("minimum", x -> x[0].minimum(x[1]), Tensor.of(a.toFloatArray(), 2, 3), Tensor.of(b.toFloatArray(), 3));
    }

    @Test
    void unaryFunctions() {
        int[] s = {3, 5};
        check("neg", x -> x[0].neg(), away(rng, .1f, 1, s));
        check("abs", x -> x[0].abs(), away(rng, .1f, 1, s));
        check("exp", x -> x[0].exp(), away(rng, .1f, 1, s));
        check("log", x -> x[0].log(), uniform(rng, .3f, 3, s));
        check("sqrt", x -> x[0].sqrt(), uniform(rng, .3f, 3, s));
        check("square", x -> x[0].square(), away(rng, .1f, 1, s));
        check("reciprocal", x -> x[0].reciprocal(), uniform(rng, .5f, 2, s));
        check("sin", x -> x[0].sin(), away(rng, .1f, 2, s));
        check("cos", x -> x[0].cos(), away(rng, .1f, 2, s));
        check("tanh", x -> x[0].tanh(), away(rng, .1f, 2, s));
        check("sigmoid", x -> x[0].sigmoid(), away(rng, .1f, 3, s));
        check("relu", x -> x[0].relu(), away(rng, .1f, 1, s));
        check("leakyRelu", x -> x[0].leakyRelu(0.2f), away(rng, .1f, 1, s));
        check("pow scalar", x -> x[0].pow(2.5f), uniform(rng, .3f, 2, s));
        check("add scalar", x -> x[0].add(3f), away(rng, .1f, 1, s));
        check("mul scalar", x -> x[0].mul(-1.5f), away(rng, .1f, 1, s));
        check("rsub", x -> x[0].rsub(2f), away(rng, .1f, 1, s));
        check("rdiv", x -> x[0].rdiv(2f), uniform(rng, .5f, 2, s));
        check("clamp", x -> x[0].clamp(-0.5f, 0.5f), Tensor.of(new float[] {-0.9f, -0.3f, 0.1f, 0.4f, 0.8f}, 5));
    }

    @Test
    void where() {
        Tensor cond = Tensor.of(new float[] {1, 0, 1, 0}, 4);
        check("where", x -> Tensor.where(cond, x[0], x[1]), away(rng, .1f, 1, 3, 4), away(rng, .1f, 1, 4));
    }

    @Test
    void reductions() {
        check("sum all", x -> x[0].sum(), away(rng, .1f, 1, 2, 3, 4));
        check("sum axis 1", x -> x[0].sum(1, false), away(rng, .1f, 1, 2, 3, 4));
        check("sum axes 0,2 keep", x -> x[0].sum(new int[] {0, 2}, true), away(rng, .1f, 1, 2, 3, 4));
        check("mean", x -> x[0].mean(), away(rng, .1f, 1, 3, 4));
        check("mean axis", x -> x[0].mean(-1, true), away(rng, .1f, 1, 3, 4));
        Tensor spread = Tensor.of(new float[] {0.3f, -0.7f, 0.9f, 0.1f, -0.2f, 0.5f, 0.8f, -0.9f, 0.0f, 0.6f, 0.2f, -0.4f}, 3, 4);
        check("max axis 1", x -> x[0].max(1, false), spread);
        check("max axis 0 keep", x -> x[0].max(0, true), Tensor.of(spread.toFloatArray(), 3, 4));
        check("min axis 1", x -> x[0].min(1, false), Tensor.of(spread.toFloatArray(), 3, 4));
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (int axis : new int[] {0, 1, -1}) {
            check("softmax " + axis, x -> x[0].softmax(axis), away(rng, .1f, 2, 3, 4, 2));
            check("log_softmax " + axis, x -> x[0].logSoftmax(axis), away(rng, .1f, 2, 3, 4, 2));
        }
    }

    @Test
    void matmulInAllForms() {
        check("2d x 2d", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 3, 4), away(rng, .1f, 1, 4, 5));
        check("batched x batched", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 2, 3, 4), away(rng, .1f, 1, 2, 4, 5));
        check("batched x 2d", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 2, 3, 4), away(rng, .1f, 1, 4, 5));
        check("2d x batched", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 3, 4), away(rng, .1f, 1, 2, 4, 5));
        check("broadcast batch", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 2, 1, 3, 4), away(rng, .1f, 1, 3, 4, 2));
        check("vector x matrix", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 4), away(rng, .1f, 1, 4, 3));
        check("matrix x vector", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 3, 4), away(rng, .1f, 1, 4));
        check("dot", x -> x[0].matmul(x[1]), away(rng, .1f, 1, 4), away(rng, .1f, 1, 4));
    }

    @Test
    void linearReadsTheWeightTransposed() {
        check("linear 2d", x -> x[0].linear(x[1]), away(rng, .1f, 1, 3, 4), away(rng, .1f, 1, 5, 4));
        check("linear batched", x -> x[0].linear(x[1]), away(rng, .1f, 1, 2, 3, 4), away(rng, .1f, 1, 5, 4));
        check("linear vector", x -> x[0].linear(x[1]), away(rng, .1f, 1, 4), away(rng, .1f, 1, 5, 4));
        Tensor x = away(rng, .1f, 1, 2, 3, 4);
        Tensor w = away(rng, .1f, 1, 5, 4);
        assertArrayEquals(x.matmul(w.t()).toFloatArray(), x.linear(w).toFloatArray(), 1e-6f);
        assertArrayEquals(new int[] {2, 3, 5}, x.linear(w).shape());
        assertThrows(IllegalArgumentException.class, () -> x.linear(away(rng, .1f, 1, 4, 5)));
    }

    @Test
    void groupedLinearIsOneLinearPerGroup() {
        check("grouped linear", x -> x[0].groupedLinear(x[1]), away(rng, .1f, 1, 2, 3, 4), away(rng, .1f, 1, 2, 5, 4));
        check("grouped linear, more axes", x -> x[0].groupedLinear(x[1]), away(rng, .1f, 1, 2, 2, 3, 4),
                away(rng, .1f, 1, 2, 5, 4));
        Tensor x = away(rng, .1f, 1, 3, 7, 4).requiresGrad(true);
        Tensor w = away(rng, .1f, 1, 3, 5, 4).requiresGrad(true);
        Tensor upstream = away(rng, .1f, 1, 3, 7, 5);
        Tensor y = x.groupedLinear(w);
        y.mul(upstream).sum().backward();
        for (int g = 0; g < 3; g++) {
            Tensor xg = x.detach().select(0, g).requiresGrad(true);
            Tensor wg = w.detach().select(0, g).requiresGrad(true);
            Tensor yg = xg.linear(wg);
            yg.mul(upstream.select(0, g)).sum().backward();
            assertArrayEquals(yg.toFloatArray(), y.select(0, g).toFloatArray(), 0f, "group " + g);
            assertArrayEquals(xg.grad().toFloatArray(), x.grad().select(0, g).toFloatArray(), 0f, "dx of group " + g);
            assertArrayEquals(wg.grad().toFloatArray(), w.grad().select(0, g).toFloatArray(), 0f, "dw of group " + g);
        }
        assertThrows(IllegalArgumentException.class, () -> x.groupedLinear(away(rng, .1f, 1, 2, 5, 4)));
        assertThrows(IllegalArgumentException.class, () -> x.groupedLinear(away(rng, .1f, 1, 5, 4)));
    }

    @Test
    void convolutionAndPooling() {
        check("conv2d s1 p1", x -> x[0].conv2d(x[1], 1, 1), away(rng, .1f, 1, 2, 3, 5, 5), away(rng, .1f, 1, 4, 3, 3, 3));
        check("conv2d with bias", x -> x[0].conv2d(x[1], x[2], 1, 0), away(rng, .1f, 1, 2, 3, 5, 5),
                away(rng, .1f, 1, 4, 3, 3, 3), away(rng, .1f, 1, 4));
        check("conv2d s2 p0", x -> x[0].conv2d(x[1], 2, 0), away(rng, .1f, 1, 1, 2, 6, 6), away(rng, .1f, 1, 3, 2, 4, 4));
        check("conv2d s2 p1 k4", x -> x[0].conv2d(x[1], 2, 1), away(rng, .1f, 1, 2, 2, 8, 8), away(rng, .1f, 1, 2, 2, 4, 4));
        check("conv_transpose2d s2 p1", x -> x[0].convTranspose2d(x[1], 2, 1, 0),
                away(rng, .1f, 1, 2, 3, 4, 4), away(rng, .1f, 1, 3, 2, 4, 4));
        check("conv_transpose2d s1 p0", x -> x[0].convTranspose2d(x[1], 1, 0, 0),
                away(rng, .1f, 1, 1, 4, 1, 1), away(rng, .1f, 1, 4, 2, 4, 4));
        check("conv_transpose2d output padding", x -> x[0].convTranspose2d(x[1], 2, 1, 1),
                away(rng, .1f, 1, 1, 2, 3, 3), away(rng, .1f, 1, 2, 2, 3, 3));
        check("avg_pool2d", x -> x[0].avgPool2d(2, 2, 0), away(rng, .1f, 1, 2, 2, 4, 4));
        check("avg_pool2d padded", x -> x[0].avgPool2d(3, 2, 1), away(rng, .1f, 1, 1, 2, 5, 5));
        float[] distinct = new float[2 * 2 * 4 * 4];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = ((i * 37) % distinct.length) * 0.05f - 0.8f;
        }
        check("max_pool2d", x -> x[0].maxPool2d(2, 2, 0), Tensor.of(distinct, 2, 2, 4, 4));
        check("max_pool2d overlapping padded", x -> x[0].maxPool2d(3, 2, 1), Tensor.of(distinct.clone(), 2, 2, 4, 4));
    }

    @Test
    void shapeOps() {
        check("reshape", x -> x[0].reshape(4, -1), away(rng, .1f, 1, 2, 3, 2));
        check("permute", x -> x[0].permute(2, 0, 1), away(rng, .1f, 1, 2, 3, 4));
        check("transpose", x -> x[0].transpose(0, 1), away(rng, .1f, 1, 3, 4));
        check("slice", x -> x[0].slice(1, 1, 3), away(rng, .1f, 1, 2, 4, 3));
        check("select", x -> x[0].select(0, 1), away(rng, .1f, 1, 3, 4));
        check("concat", x -> Tensor.concat(1, x[0], x[1]), away(rng, .1f, 1, 2, 3), away(rng, .1f, 1, 2, 2));
        check("stack", x -> Tensor.stack(0, x[0], x[1]), away(rng, .1f, 1, 2, 3), away(rng, .1f, 1, 2, 3));
        check("broadcastTo", x -> x[0].broadcastTo(2, 3, 4), away(rng, .1f, 1, 3, 1));
        check("unsqueeze/squeeze", x -> x[0].unsqueeze(1).mul(x[0].unsqueeze(1)).squeeze(1), away(rng, .1f, 1, 3, 2));
        check("flatten", x -> x[0].flatten(1), away(rng, .1f, 1, 2, 3, 4));
    }

    @Test
    void gatherAndScatterAdd() {
        Tensor actions = Tensor.of(new float[] {2, 0, 1, 2}, 4, 1);
        check("gather Q(s,a)", x -> x[0].gather(1, actions), away(rng, .1f, 1, 4, 3));
        Tensor ids = Tensor.of(new float[] {3, 1, 3, 0, 2}, 5);
        check("gather embedding", x -> x[0].gather(0, ids), away(rng, .1f, 1, 4, 6));
        check("scatterAdd", x -> x[0].scatterAdd(1, actions, x[1]), away(rng, .1f, 1, 4, 3), away(rng, .1f, 1, 4, 1));
    }

    @Test
    void compositeMlpLoss() {
        Tensor labels = Tensor.of(new float[] {1, 0, 2}, 3, 1);
        check("mlp cross-entropy", x -> x[0].matmul(x[1]).add(x[2]).tanh().logSoftmax(1).gather(1, labels).mean().neg(),
                away(rng, .1f, 1, 3, 4), away(rng, .1f, 1, 4, 3), away(rng, .1f, 1, 3));
    }
}
