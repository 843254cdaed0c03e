package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;
import org.jdive.core.backend.ReduceOp;
import org.jdive.tests.Definitions.Expected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every backend against the {@link Definitions} of the SPI's long-sum primitives, on small cases: no backend is
 * the truth. DJL's PyTorch was wrong on some CPUs (oneDNN's AVX-512 convolution backward-data), which a test of
 * DJL against the CPU backend only reports as a disagreement; here each backend answers to the definition, and to
 * the identity that backward-data and backward-weights are the adjoints of forward.
 */
class BackendsAgainstDefinitionsTest {

    /** float32 against double: each element within this share of the sum of its terms' magnitudes. */
    private static final double RTOL = 2e-5;
    private static final double ATOL = 1e-6;

    /** The convolution whose backward-data PyTorch 2.7.1's oneDNN got wrong on AVX-512 CPUs (issue 21). */
    static final ConvSpec ONEDNN_REGRESSION = new ConvSpec(3, 3, 8, 6, 1, 4, 4, 2, 2, 2, 2);

    private static final List<ConvSpec> CONVOLUTIONS = List.of(
            ONEDNN_REGRESSION,
            new ConvSpec(2, 3, 5, 5, 4, 3, 3, 1, 1, 1, 1),
            new ConvSpec(2, 4, 8, 8, 3, 4, 4, 2, 2, 1, 1),   // DCGAN's discriminator block
            new ConvSpec(2, 3, 7, 6, 5, 3, 3, 2, 2, 0, 0),   // windows that leave the last row and column out
            new ConvSpec(2, 2, 9, 12, 3, 3, 3, 2, 1, 0, 0),
            new ConvSpec(2, 3, 9, 11, 4, 3, 2, 3, 2, 1, 0),
            new ConvSpec(1, 2, 5, 7, 3, 1, 1, 2, 2, 0, 0),
            new ConvSpec(2, 2, 4, 5, 3, 1, 2, 1, 1, 1, 1),   // padding beyond kernel − 1
            new ConvSpec(2, 4, 4, 4, 2, 4, 4, 1, 1, 0, 0),   // DCGAN's last layer: one output per image
            new ConvSpec(2, 1, 10, 10, 2, 8, 8, 4, 4, 0, 0), // Mnih et al.'s first layer, scaled down
            new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0));

    private static final List<PoolSpec> POOLS = List.of(
            new PoolSpec(2, 3, 6, 6, 2, 2, 2, 2, 0, 0),
            new PoolSpec(1, 2, 7, 5, 3, 3, 2, 2, 1, 1),
            new PoolSpec(2, 1, 5, 8, 3, 2, 1, 2, 1, 0));

    private final UniformRandomProvider rng = Rng.seeded(21);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl", "opencl"})
    void convolutionForwardAndBothBackwards(String name) {
        Backend be = Available.backend(name);
        for (ConvSpec s : CONVOLUTIONS) {
            float[] x = uniform(s.inputSize());
            float[] w = uniform(s.weightSize());
            float[] bias = uniform(s.outChannels());
            float[] dy = uniform(s.outputSize());
            assertMatches(name + " conv2d forward " + s, Definitions.convForward(s, x, w, bias),
                    run(be, b -> be.conv2dForward(s, b[0], b[1], b[2], b[3]), x, w, bias, new float[s.outputSize()])[3]);
            assertMatches(name + " conv2d backward data " + s, Definitions.convBackwardData(s, dy, w),
                    run(be, b -> be.conv2dBackwardData(s, b[0], b[1], b[2]), dy, w, new float[s.inputSize()])[2]);
            assertMatches(name + " conv2d backward weights " + s, Definitions.convBackwardWeights(s, x, dy),
                    run(be, b -> be.conv2dBackwardWeights(s, b[0], b[1], b[2]), x, dy, new float[s.weightSize()])[2]);
        }
    }

    /** ⟨dy, conv(x)⟩ = ⟨backwardData(dy), x⟩ = ⟨backwardWeights(x, dy), w⟩: what the wrong gradient broke. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl", "opencl"})
    void convolutionBackwardsAreTheAdjointsOfForward(String name) {
        Backend be = Available.backend(name);
        for (ConvSpec s : CONVOLUTIONS) {
            float[] x = uniform(s.inputSize());
            float[] w = uniform(s.weightSize());
            float[] dy = uniform(s.outputSize());
            float[] y = run(be, b -> be.conv2dForward(s, b[0], b[1], null, b[2]), x, w, new float[s.outputSize()])[2];
            float[] dx = run(be, b -> be.conv2dBackwardData(s, b[0], b[1], b[2]), dy, w, new float[s.inputSize()])[2];
            float[] dw = run(be, b -> be.conv2dBackwardWeights(s, b[0], b[1], b[2]), x, dy, new float[s.weightSize()])[2];
            double viaOutput = dot(dy, y);
            double tolerance = 1e-5 * Math.sqrt((double) s.outputSize() * s.weightSize()) + 1e-6;
            assertEquals(viaOutput, dot(dx, x), tolerance, name + " <backwardData(dy), x> " + s);
            assertEquals(viaOutput, dot(dw, w), tolerance, name + " <backwardWeights(x, dy), w> " + s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl", "opencl"})
    void batchedMatmulWithTransposesAndAccumulation(String name) {
        Backend be = Available.backend(name);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (float beta : new float[] {0f, 0.5f}) {
                    int batch = 3;
                    int m = 5;
                    int n = 7;
                    int k = 9;
                    float[] a = uniform(batch * m * k);
                    float[] b = uniform(k * n); // one matrix broadcast over the batch (stride 0)
                    float[] c = uniform(batch * m * n);
                    String what = name + " matmul transA " + transA + " transB " + transB + " beta " + beta;
                    assertMatches(what, Definitions.matmul(batch, m, n, k, a, m * k, transA, b, 0, transB, c, beta),
                            run(be, buf -> be.matmul(batch, m, n, k, buf[0], m * k, transA, buf[1], 0, transB, buf[2], beta),
                                    a, b, c)[2]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl", "opencl"})
    void poolingForwardAndBackward(String name) {
        Backend be = Available.backend(name);
        for (PoolSpec s : POOLS) {
            float[] x = uniform(s.inputSize());
            float[] dy = uniform(s.outputSize());
            assertMatches(name + " max pool " + s, Definitions.maxPoolForward(s, x),
                    run(be, b -> be.maxPool2dForward(s, b[0], b[1]), x, new float[s.outputSize()])[1]);
            assertMatches(name + " max pool backward " + s, Definitions.maxPoolBackward(s, x, dy),
                    run(be, b -> be.maxPool2dBackward(s, b[0], b[1], b[2]), x, dy, new float[s.inputSize()])[2]);
            assertMatches(name + " avg pool " + s, Definitions.avgPoolForward(s, x),
                    run(be, b -> be.avgPool2dForward(s, b[0], b[1]), x, new float[s.outputSize()])[1]);
            assertMatches(name + " avg pool backward " + s, Definitions.avgPoolBackward(s, dy),
                    run(be, b -> be.avgPool2dBackward(s, b[0], b[1]), dy, new float[s.inputSize()])[1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl", "opencl"})
    void sumsAndSoftmaxAlongAnAxis(String name) {
        Backend be = Available.backend(name);
        int outer = 3;
        int axis = 37;
        int inner = 4;
        float[] x = uniform(outer * axis * inner);
        assertMatches(name + " sum", Definitions.sum(x, outer, axis, inner),
                run(be, b -> be.reduce(ReduceOp.SUM, b[0], b[1], outer, axis, inner), x, new float[outer * inner])[1]);
        for (boolean log : new boolean[] {false, true}) {
            assertMatches(name + (log ? " log-softmax" : " softmax"), Definitions.softmax(x, outer, axis, inner, log),
                    run(be, b -> be.softmax(b[0], b[1], outer, axis, inner, log), x, new float[x.length])[1]);
        }
    }

    /** Uploads {@code contents}, runs {@code op}, and returns every buffer's contents afterwards; nothing leaks. */
    private static float[][] run(Backend be, java.util.function.Consumer<Buffer[]> op, float[]... contents) {
        long live = be.liveBuffers();
        List<Buffer> buffers = new ArrayList<>();
        try {
            for (float[] c : contents) {
                buffers.add(be.upload(c, 0, c.length));
            }
            op.accept(buffers.toArray(Buffer[]::new));
            float[][] out = new float[contents.length][];
            for (int i = 0; i < contents.length; i++) {
                out[i] = new float[contents[i].length];
                be.download(buffers.get(i), 0, out[i], 0, out[i].length);
            }
            return out;
        } finally {
            buffers.forEach(Buffer::release);
            assertEquals(live, be.liveBuffers(), "live buffers on " + be.name());
        }
    }

    private static void assertMatches(String what, Expected expected, float[] actual) {
        assertEquals(expected.value().length, actual.length, what + ": length");
        for (int i = 0; i < actual.length; i++) {
            double e = expected.value()[i];
            if (!(Math.abs(e - actual[i]) <= RTOL * expected.scale()[i] + ATOL)) {
                fail(String.format("%s: element %d is %s, the definition gives %.7g", what, i, actual[i], e));
            }
        }
    }

    private float[] uniform(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextFloat() - 1;
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
