package org.jdive.djl;

import static org.jdive.djl.BackendPair.CPU;
import static org.jdive.djl.BackendPair.DJL;
import static org.jdive.djl.BackendPair.assertClose;
import static org.jdive.djl.BackendPair.product;
import static org.jdive.djl.BackendPair.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.junit.jupiter.api.Test;

/**
 * The core's ops and gradient rules, written once over the SPI, run on the DJL backend: values and gradients
 * must match the CPU backend's. Each output is projected to a scalar with fixed random weights, so every
 * output element's gradient is exercised.
 */
class DjlGradientParityTest {

    private static final double TOL = 1e-4;

    private final UniformRandomProvider rng = Rng.seeded(11);

    /** An input: its values and shape, or a constant (an index, a mask) when {@code differentiable} is false. */
    private record Input(float[] values, int[] shape, boolean differentiable) {
    }

    private Input x(int... shape) {
        return new Input(uniform(rng, product(shape), -1, 1), shape, true);
    }

    private Input positive(int... shape) {
        return new Input(uniform(rng, product(shape), 0.5f, 2), shape, true);
    }

    private static Input constant(float[] values, int... shape) {
        return new Input(values, shape, false);
    }

    private void check(String name, Function<Tensor[], Tensor> f, Input... inputs) {
        long liveBefore = DJL.liveBuffers();
        Result expected = run(CPU, f, inputs);
        Result actual = run(DJL, f, inputs);
        assertArrayEquals(expected.shape, actual.shape, name + ": output shape");
        assertClose(name + ": output", TOL, expected.output, actual.output);
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k].differentiable) {
                assertClose(name + ": gradient of input " + k, TOL, expected.grads[k], actual.grads[k]);
            }
        }
        assertEquals(liveBefore, DJL.liveBuffers(), name + ": buffers leaked on djl");
    }

    private record Result(int[] shape, float[] output, float[][] grads) {
    }

    private static Result run(Backend be, Function<Tensor[], Tensor> f, Input... inputs) {
        Tensor[] args = new Tensor[inputs.length];
        try (Scope scope = Scope.open()) {
            for (int k = 0; k < inputs.length; k++) {
                args[k] = Tensor.of(be, inputs[k].values, inputs[k].shape).requiresGrad(inputs[k].differentiable);
            }
            Tensor out = f.apply(args);
            float[] weights = new float[out.size()];
            UniformRandomProvider w = Rng.seeded(weights.length);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = 0.5f + w.nextFloat();
            }
            out.mul(Tensor.of(be, weights, out.shape())).sum().backward();
            float[][] grads = new float[inputs.length][];
            for (int k = 0; k < inputs.length; k++) {
                if (inputs[k].differentiable) {
                    assertNotNull(args[k].grad(), "input " + k + " received no gradient on " + be.name());
                    grads[k] = args[k].grad().toFloatArray();
                    args[k].grad().close();
                }
            }
            return new Result(out.shape(), out.toFloatArray(), grads);
        }
    }

    @Test
    void arithmeticWithBroadcasting() {
        int[][][] shapes = {{{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{2, 1, 3}, {4, 1}}, {{5}, {2, 5}}, {{}, {2, 3}}};
        for (int[][] s : shapes) {
            check("add", t -> t[0].add(t[1]), x(s[0]), x(s[1]));
            check("sub", t -> t[0].sub(t[1]), x(s[0]), x(s[1]));
            check("mul", t -> t[0].mul(t[1]), x(s[0]), x(s[1]));
            check("div", t -> t[0].div(t[1]), x(s[0]), positive(s[1]));
            check("pow", t -> t[0].pow(t[1]), positive(s[0]), x(s[1]));
            check("maximum", t -> t[0].maximum(t[1]), x(s[0]), x(s[1]));
            check("minimum", t -> t[0].minimum(t[1]), x(s[0]), x(s[1]));
        }
    }

    @Test
    void unaryFunctions() {
        int[] s = {3, 5};
        check("neg", t -> t[0].neg(), x(s));
        check("abs", t -> t[0].abs(), x(s));
        check("exp", t -> t[0].exp(), x(s));
        check("log", t -> t[0].log(), positive(s));
        check("sqrt", t -> t[0].sqrt(), positive(s));
        check("square", t -> t[0].square(), x(s));
        check("reciprocal", t -> t[0].reciprocal(), positive(s));
        check("sin", t -> t[0].sin(), x(s));
        check("cos", t -> t[0].cos(), x(s));
        check("tanh", t -> t[0].tanh(), x(s));
        check("sigmoid", t -> t[0].sigmoid(), x(s));
        check("relu", t -> t[0].relu(), x(s));
        check("leakyRelu", t -> t[0].leakyRelu(0.2f), x(s));
        check("pow scalar", t -> t[0].pow(2.5f), positive(s));
        check("rsub", t -> t[0].rsub(2f), x(s));
        check("rdiv", t -> t[0].rdiv(2f), positive(s));
        check("clamp", t -> t[0].clamp(-0.5f, 0.5f), x(s));
        check("where", t -> Tensor.where(t[0], t[1], t[2]), constant(new float[] {1, 0, 1, 0}, 4), x(3, 4), x(4));
    }

    @Test
    void reductionsAndSoftmax() {
        check("sum all", t -> t[0].sum(), x(2, 3, 4));
        check("sum axes 0,2 keep", t -> t[0].sum(new int[] {0, 2}, true), x(2, 3, 4));
        check("mean axis", t -> t[0].mean(-1, true), x(3, 4));
        check("max axis 1", t -> t[0].max(1, false), x(3, 4));
        check("min axis 0 keep", t -> t[0].min(0, true), x(3, 4));
        for (int axis : new int[] {0, 1, -1}) {
            check("softmax " + axis, t -> t[0].softmax(axis), x(3, 4, 2));
            check("log_softmax " + axis, t -> t[0].logSoftmax(axis), x(3, 4, 2));
        }
    }

    @Test
    void matmulInAllForms() {
        check("2d x 2d", t -> t[0].matmul(t[1]), x(7, 9), x(9, 5));
        check("batched x batched", t -> t[0].matmul(t[1]), x(2, 3, 4), x(2, 4, 5));
        check("batched x 2d", t -> t[0].matmul(t[1]), x(2, 3, 4), x(4, 5));
        check("2d x batched", t -> t[0].matmul(t[1]), x(3, 4), x(2, 4, 5));
        check("broadcast batch", t -> t[0].matmul(t[1]), x(2, 1, 3, 4), x(3, 4, 2));
        check("vector x matrix", t -> t[0].matmul(t[1]), x(4), x(4, 3));
        check("dot", t -> t[0].matmul(t[1]), x(4), x(4));
    }

    @Test
    void convolutionAndPooling() {
        check("conv2d s1 p1", t -> t[0].conv2d(t[1], 1, 1), x(2, 3, 5, 5), x(4, 3, 3, 3));
        check("conv2d with bias", t -> t[0].conv2d(t[1], t[2], 1, 0), x(2, 3, 5, 5), x(4, 3, 3, 3), x(4));
        check("conv2d s2 p1 k4", t -> t[0].conv2d(t[1], 2, 1), x(2, 2, 8, 8), x(2, 2, 4, 4));
        check("conv_transpose2d s2 p1", t -> t[0].convTranspose2d(t[1], 2, 1, 0), x(2, 3, 4, 4), x(3, 2, 4, 4));
        check("conv_transpose2d output padding", t -> t[0].convTranspose2d(t[1], 2, 1, 1), x(1, 2, 3, 3), x(2, 2, 3, 3));
        check("avg_pool2d padded", t -> t[0].avgPool2d(3, 2, 1), x(1, 2, 5, 5));
        check("max_pool2d overlapping padded", t -> t[0].maxPool2d(3, 2, 1), x(2, 2, 4, 4));
    }

    @Test
    void shapeOps() {
        check("reshape", t -> t[0].reshape(4, -1), x(2, 3, 2));
        check("permute", t -> t[0].permute(2, 0, 1), x(2, 3, 4));
        check("slice", t -> t[0].slice(1, 1, 3), x(2, 4, 3));
        check("select", t -> t[0].select(0, 1), x(3, 4));
        check("concat", t -> Tensor.concat(1, t[0], t[1]), x(2, 3), x(2, 2));
        check("stack", t -> Tensor.stack(0, t[0], t[1]), x(2, 3), x(2, 3));
        check("broadcastTo", t -> t[0].broadcastTo(2, 3, 4), x(3, 1));
        check("flatten", t -> t[0].flatten(1), x(2, 3, 4));
    }

    @Test
    void gatherScatterAndAnMlpLoss() {
        Input actions = constant(new float[] {2, 0, 1, 2}, 4, 1);
        check("gather Q(s,a)", t -> t[0].gather(1, t[1]), x(4, 3), actions);
        check("gather embedding", t -> t[0].gather(0, t[1]), x(4, 6), constant(new float[] {3, 1, 3, 0, 2}, 5));
        check("scatterAdd", t -> t[0].scatterAdd(1, t[1], t[2]), x(4, 3), actions, x(4, 1));
        check("mlp cross-entropy", t -> t[0].matmul(t[1]).add(t[2]).tanh().logSoftmax(1).gather(1, t[3]).mean().neg(),
                x(3, 4), x(4, 3), x(3), constant(new float[] {1, 0, 2}, 3, 1));
    }
}
