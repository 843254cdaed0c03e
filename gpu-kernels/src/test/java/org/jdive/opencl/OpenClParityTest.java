package org.jdive.opencl;

import static org.jdive.opencl.OpenClTestSupport.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Tensor op and its gradient rule on the OpenCL backend against the CPU backend, on random shapes:
 * each case runs forward on both, compares, then back-propagates the same random output weights and
 * compares every input's gradient.
 */
class OpenClParityTest {

    private static Backend ocl;
    private static final Backend CPU = Backends.cpu();
    private final UniformRandomProvider rng = Rng.seeded(20240613);

    @BeforeAll
    static void openCl() {
        ocl = OpenClTestSupport.backend();
    }

    /** An input: its values, shape and whether gradients flow to it. */
    private record Input(float[] data, int[] shape, boolean differentiable) {
    }

    private Input uniform(float lo, float hi, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return new Input(data, shape, true);
    }

    private Input values(float[] data, int... shape) {
        return new Input(data, shape, false);
    }

    private Input indices(int bound, int... shape) {
        Input in = uniform(0, 1, shape);
        for (int i = 0; i < in.data.length; i++) {
            in.data[i] = rng.nextInt(bound);
        }
        return new Input(in.data, shape, false);
    }

    private int dim(int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    private void check(String name, Function<Tensor[], Tensor> op, Input... inputs) {
        check(name, 2e-5f, op, inputs);
    }

    /** Runs {@code op} on both backends and compares the outputs and, where inputs take gradients, the gradients. */
    private void check(String name, float rtol, Function<Tensor[], Tensor> op, Input... inputs) {
        long liveBefore = ocl.liveBuffers();
        List<float[]> expected = run(CPU, op, inputs);
        List<float[]> actual = run(ocl, op, inputs);
        assertClose(name + " forward", expected.get(0), actual.get(0), rtol, rtol / 10);
        for (int i = 1; i < expected.size(); i++) {
            assertClose(name + " gradient of input " + (i - 1), expected.get(i), actual.get(i), rtol, rtol / 10);
        }
        org.junit.jupiter.api.Assertions.assertEquals(liveBefore, ocl.liveBuffers(), name + ": live OpenCL buffers");
    }

    /** The output's values, then each differentiable input's gradient of Σ output·w for fixed random w. */
    private List<float[]> run(Backend backend, Function<Tensor[], Tensor> op, Input... inputs) {
        List<float[]> results = new ArrayList<>();
        try (Scope scope = Scope.open()) {
            Tensor[] x = new Tensor[inputs.length];
            boolean anyGrad = false;
            for (int i = 0; i < inputs.length; i++) {
                x[i] = Tensor.of(backend, inputs[i].data, inputs[i].shape);
                if (inputs[i].differentiable) {
                    x[i].requiresGrad(true);
                    anyGrad = true;
                }
            }
            Tensor out = op.apply(x);
            results.add(out.toFloatArray());
            if (anyGrad && out.requiresGrad()) {
                float[] w = new float[out.size()];
                UniformRandomProvider weights = Rng.seeded(out.size());
                for (int i = 0; i < w.length; i++) {
                    w[i] = weights.nextFloat() - 0.5f;
                }
                out.mul(Tensor.of(backend, w, out.shape())).sum().backward();
                for (int i = 0; i < inputs.length; i++) {
                    if (inputs[i].differentiable) {
                        Tensor grad = x[i].grad();
                        results.add(grad.toFloatArray());
                        grad.close(); // a leaf's gradient outlives scopes, like a parameter's
                    }
                }
            }
        }
        return results;
    }

    @Test
    void unaryOpsAndTheirGradients() {
        for (int round = 0; round < 3; round++) {
            int[] s = {dim(1, 7), dim(1, 300)};
            check("neg", x -> x[0].neg(), uniform(-2, 2, s));
            check("abs", x -> x[0].abs(), uniform(-2, 2, s));
            check("sign", x -> x[0].sign(), uniform(-2, 2, s));
            check("exp", x -> x[0].exp(), uniform(-3, 3, s));
            check("log", x -> x[0].log(), uniform(0.1f, 5, s));
            check("sqrt", x -> x[0].sqrt(), uniform(0.1f, 5, s));
            check("square", x -> x[0].square(), uniform(-2, 2, s));
            check("reciprocal", x -> x[0].reciprocal(), uniform(0.5f, 2, s));
            check("sin", x -> x[0].sin(), uniform(-4, 4, s));
            check("cos", x -> x[0].cos(), uniform(-4, 4, s));
            check("tanh", x -> x[0].tanh(), uniform(-4, 4, s));
            check("sigmoid", x -> x[0].sigmoid(), uniform(-30, 30, s));
            check("relu", x -> x[0].relu(), uniform(-2, 2, s));
            check("leakyRelu", x -> x[0].leakyRelu(0.1f), uniform(-2, 2, s));
            check("pow scalar", x -> x[0].pow(2.5f), uniform(0.1f, 3, s));
            check("scalar arithmetic", x -> x[0].add(3f).mul(-1.5f).rsub(2f).rdiv(4f), uniform(0.5f, 2, s));
            check("clamp", x -> x[0].clamp(-0.5f, 0.7f), uniform(-2, 2, s));
        }
    }

    @Test
    void binaryOpsBroadcastAndTheirGradients() {
        for (int round = 0; round < 4; round++) {
            int a = dim(1, 5);
            int b = dim(1, 6);
            int c = dim(1, 70);
            int[][][] pairs = {{{a, b, c}, {a, b, c}}, {{a, b, c}, {c}}, {{a, 1, c}, {b, 1}}, {{c}, {b, c}},
                    {{}, {a, c}}, {{a, b, 1}, {1, b, c}}};
            for (int[][] p : pairs) {
                check("add", x -> x[0].add(x[1]), uniform(-2, 2, p[0]), uniform(-2, 2, p[1]));
                check("sub", x -> x[0].sub(x[1]), uniform(-2, 2, p[0]), uniform(-2, 2, p[1]));
                check("mul", x -> x[0].mul(x[1]), uniform(-2, 2, p[0]), uniform(-2, 2, p[1]));
                check("div", x -> x[0].div(x[1]), uniform(-2, 2, p[0]), uniform(0.5f, 2, p[1]));
                check("pow", 1e-4f, x -> x[0].pow(x[1]), uniform(0.5f, 2, p[0]), uniform(-1, 2, p[1]));
                check("maximum", x -> x[0].maximum(x[1]), uniform(-2, 2, p[0]), uniform(-2, 2, p[1]));
                check("minimum", x -> x[0].minimum(x[1]), uniform(-2, 2, p[0]), uniform(-2, 2, p[1]));
                check("comparisons", x -> x[0].gt(x[1]).add(x[0].ge(x[1]).mul(2f)).add(x[0].lt(x[1]).mul(4f))
                        .add(x[0].le(x[1]).mul(8f)).add(x[0].eq(x[1]).mul(16f)), uniform(-1, 1, p[0]),
                        values(new float[sizeOf(p[1])], p[1]));
                check("where", x -> Tensor.where(x[0].gt(x[2]), x[0], x[1]), uniform(-2, 2, p[0]), uniform(-2, 2, p[1]),
                        values(new float[1], 1));
            }
        }
    }

    private static int sizeOf(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Test
    void reductionsAndSoftmax() {
        for (int round = 0; round < 3; round++) {
            int[] s = {dim(1, 5), dim(1, 40), dim(1, 9)};
            for (int axis = 0; axis < 3; axis++) {
                int ax = axis;
                check("sum axis " + ax, x -> x[0].sum(ax, false), uniform(-2, 2, s));
                check("mean axis " + ax, x -> x[0].mean(ax, true), uniform(-2, 2, s));
                check("max axis " + ax, x -> x[0].max(ax, false), uniform(-2, 2, s));
                check("min axis " + ax, x -> x[0].min(ax, false), uniform(-2, 2, s));
                check("argmax axis " + ax, x -> x[0].argmax(ax, false), uniform(-2, 2, s));
                check("softmax axis " + ax, x -> x[0].softmax(ax), uniform(-5, 5, s));
                check("logSoftmax axis " + ax, x -> x[0].logSoftmax(ax), uniform(-5, 5, s));
            }
            check("sum of all", x -> x[0].sum(), uniform(-2, 2, s));
        }
        // Long rows with few outputs take the two-pass, chunked path.
        check("sum of a long vector", 1e-4f, x -> x[0].sum(), uniform(-1, 1, 100_003));
        check("max of long rows", x -> x[0].max(1, false), uniform(-1, 1, 3, 20_000));
        check("sum of long rows", 1e-4f, x -> x[0].sum(1, false), uniform(-1, 1, 3, 20_000));
    }

    @Test
    void matmulWithTransposesAndBatches() {
        for (int round = 0; round < 4; round++) {
            int m = dim(1, 70);
            int n = dim(1, 90);
            int k = dim(1, 150);
            check("matmul " + m + "x" + k + "x" + n, 1e-4f, x -> x[0].matmul(x[1]), uniform(-1, 1, m, k), uniform(-1, 1, k, n));
            check("matmul transposed", 1e-4f, x -> x[0].t().matmul(x[1].t()), uniform(-1, 1, k, m), uniform(-1, 1, n, k));
            int batch = dim(2, 4);
            check("batched matmul", 1e-4f, x -> x[0].matmul(x[1]), uniform(-1, 1, batch, m, k), uniform(-1, 1, batch, k, n));
            check("broadcast matmul", 1e-4f, x -> x[0].matmul(x[1]), uniform(-1, 1, batch, m, k), uniform(-1, 1, k, n));
            check("vector matmul", 1e-4f, x -> x[0].matmul(x[1]), uniform(-1, 1, k), uniform(-1, 1, k, n));
        }
        // Sizes beyond one tile in every direction, transposes and batches included.
        check("large matmul", 1e-4f, x -> x[0].matmul(x[1]), uniform(-1, 1, 130, 257), uniform(-1, 1, 257, 200));
        check("large matmul transposed", 1e-4f, x -> x[0].t().matmul(x[1].t()), uniform(-1, 1, 150, 97),
                uniform(-1, 1, 61, 150));
        check("large broadcast matmul", 1e-4f, x -> x[0].matmul(x[1]), uniform(-1, 1, 3, 70, 90),
                uniform(-1, 1, 90, 50));
    }

    @Test
    void convolutionAndPooling() {
        int[][] geometries = {{2, 3, 8, 8, 4, 3, 1, 1}, {1, 2, 9, 7, 3, 3, 2, 0}, {3, 1, 6, 6, 2, 5, 1, 2},
                {2, 4, 7, 10, 5, 1, 1, 0}, {2, 3, 11, 9, 2, 4, 3, 1},
                {4, 8, 12, 12, 16, 3, 1, 1}}; // the last one spans several GEMM tiles in every pass
        for (int[] g : geometries) {
            int n = g[0], c = g[1], h = g[2], w = g[3], o = g[4], k = g[5], stride = g[6], pad = g[7];
            String name = "conv2d " + java.util.Arrays.toString(g);
            check(name, 1e-4f, x -> x[0].conv2d(x[1], stride, pad), uniform(-1, 1, n, c, h, w), uniform(-1, 1, o, c, k, k));
            check(name + " with bias", 1e-4f, x -> x[0].conv2d(x[1], x[2], stride, pad), uniform(-1, 1, n, c, h, w),
                    uniform(-1, 1, o, c, k, k), uniform(-1, 1, o));
            check("convTranspose2d " + java.util.Arrays.toString(g), 1e-4f,
                    x -> x[0].convTranspose2d(x[1], stride, pad, 0), uniform(-1, 1, n, c, h, w), uniform(-1, 1, c, o, k, k));
        }
        int[][] pools = {{2, 3, 8, 8, 2, 2, 0}, {1, 2, 9, 7, 3, 2, 1}, {2, 1, 6, 5, 3, 1, 1}, {1, 2, 7, 7, 2, 3, 0}};
        for (int[] p : pools) {
            int n = p[0], c = p[1], h = p[2], w = p[3], k = p[4], stride = p[5], pad = p[6];
            String name = java.util.Arrays.toString(p);
            check("maxPool2d " + name, x -> x[0].maxPool2d(k, stride, pad), uniform(-1, 1, n, c, h, w));
            check("avgPool2d " + name, x -> x[0].avgPool2d(k, stride, pad), uniform(-1, 1, n, c, h, w));
        }
    }

    @Test
    void gatherScatterAndShapes() {
        int b = dim(2, 9);
        int a = dim(2, 6);
        int d = dim(1, 5);
        check("gather Q(s,a)", x -> x[0].gather(1, x[1]), uniform(-1, 1, b, a), indices(a, b, 1));
        check("gather embedding", x -> x[0].gather(0, x[1]), uniform(-1, 1, a, d), indices(a, 7));
        check("scatterAdd with repeats", x -> x[0].scatterAdd(1, x[1], x[2]), uniform(-1, 1, b, a), indices(a, b, 9),
                uniform(-1, 1, b, 9));
        check("permute", x -> x[0].permute(2, 0, 1).mul(1f), uniform(-1, 1, b, a, d));
        check("slice", x -> x[0].slice(1, 1, a).mul(1f), uniform(-1, 1, b, a, d));
        check("concat", x -> Tensor.concat(1, x[0], x[1]), uniform(-1, 1, b, a), uniform(-1, 1, b, d));
        check("stack", x -> Tensor.stack(0, x[0], x[1]), uniform(-1, 1, b, a), uniform(-1, 1, b, a));
        check("broadcastTo", x -> x[0].broadcastTo(b, a, d).mul(1f), uniform(-1, 1, a, 1));
    }
}
