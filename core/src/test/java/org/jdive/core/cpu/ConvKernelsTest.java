package org.jdive.core.cpu;

import static org.jdive.core.cpu.SgemmTest.randomArray;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jdive.core.backend.ConvSpec;
import org.junit.jupiter.api.Test;

class ConvKernelsTest {

    /** batch, in channels, height, width, out channels, kernel h/w, stride h/w, pad h/w. */
    private static final List<ConvSpec> GEOMETRIES = List.of(
            new ConvSpec(2, 3, 5, 5, 4, 3, 3, 1, 1, 1, 1),
            new ConvSpec(2, 3, 7, 6, 5, 3, 3, 2, 2, 0, 0),
            new ConvSpec(3, 4, 8, 8, 6, 4, 4, 2, 2, 1, 1),
            new ConvSpec(2, 5, 4, 4, 3, 1, 1, 1, 1, 0, 0),
            new ConvSpec(1, 2, 5, 7, 3, 1, 1, 2, 2, 0, 0),
            new ConvSpec(2, 3, 6, 5, 2, 2, 3, 1, 2, 1, 0),
            new ConvSpec(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
            new ConvSpec(3, 2, 40, 40, 3, 3, 3, 1, 1, 1, 1),
            new ConvSpec(4, 2, 20, 20, 3, 3, 3, 1, 1, 1, 1),
            new ConvSpec(4, 16, 16, 16, 8, 4, 4, 2, 2, 1, 1),
            new ConvSpec(32, 4, 10, 10, 16, 3, 3, 1, 1, 0, 0),
            new ConvSpec(32, 10, 10, 10, 16, 3, 3, 1, 1, 0, 0),
            new ConvSpec(2, 3, 21, 21, 4, 3, 3, 1, 1, 0, 0),
            new ConvSpec(2, 2, 9, 12, 3, 3, 3, 2, 1, 0, 0),
            new ConvSpec(2, 3, 9, 37, 4, 3, 2, 2, 1, 1, 0),
            // Stride 1 with kernels too deep for the direct path: im2col's padded and unpadded runs.
            new ConvSpec(2, 11, 6, 7, 5, 3, 3, 1, 1, 1, 1),
            new ConvSpec(2, 25, 5, 5, 3, 2, 2, 1, 1, 0, 0),
            // The direct path at its limit (96 taps), and a wide kernel on a narrow image that it leaves to im2col.
            new ConvSpec(3, 24, 9, 9, 6, 2, 2, 1, 1, 0, 0),
            new ConvSpec(2, 1, 6, 6, 3, 1, 5, 1, 1, 0, 0),
            // Backward-data by phases (eight input channels and more): strides of 1 to 3, a kernel shorter than the
            // stride (pixels no tap reaches), padding wider than the kernel, a 1×1 output (DCGAN's first layer).
            new ConvSpec(2, 8, 8, 8, 5, 4, 4, 2, 2, 1, 1),
            new ConvSpec(2, 9, 7, 9, 4, 3, 3, 3, 2, 2, 1),
            new ConvSpec(2, 8, 5, 5, 3, 1, 1, 2, 2, 0, 0),
            new ConvSpec(2, 12, 4, 4, 6, 4, 4, 1, 1, 0, 0),
            new ConvSpec(1, 8, 6, 6, 3, 3, 3, 1, 1, 4, 4),
            new ConvSpec(2, 10, 9, 8, 3, 5, 2, 2, 3, 2, 1),
            new ConvSpec(2, 8, 2, 2, 3, 7, 7, 1, 1, 3, 3), // a 7×7 kernel on a 2×2 image: some taps miss dy entirely
            // Winograd's F(2×2, 3×3): even and odd maps (tiles past the edge), padding 1 and 0 (2 in backward-data),
            // a group that leaves vector lanes empty (batches of at least a vector's worth: AVX-512's 16).
            new ConvSpec(16, 32, 6, 6, 32, 3, 3, 1, 1, 1, 1),
            new ConvSpec(17, 33, 7, 5, 40, 3, 3, 1, 1, 1, 1),
            new ConvSpec(16, 32, 9, 8, 36, 3, 3, 1, 1, 0, 0));

    @Test
    void forwardAndBothBackwardsMatchDirectLoops() {
        Random rnd = new Random(11);
        for (ConvSpec s : GEOMETRIES) {
            float[] x = randomArray(rnd, s.inputSize());
            float[] w = randomArray(rnd, s.weightSize());
            float[] dy = randomArray(rnd, s.outputSize());
            Reference ref = Reference.of(s, x, w, dy);

            float[] y = filledWithNaN(s.outputSize());
            ConvKernels.forward(s, x, w, null, y);
            assertClose(ref.y, y, ref.yScale, "forward " + s);

            float[] bias = randomArray(rnd, s.outChannels());
            float[] biased = filledWithNaN(s.outputSize());
            ConvKernels.forward(s, x, w, bias, biased);
            int positions = s.outHeight() * s.outWidth();
            for (int i = 0; i < biased.length; i++) {
                assertEquals(y[i] + bias[i / positions % s.outChannels()], biased[i], 0f, "forward with bias " + s);
            }

            float[] dx = filledWithNaN(s.inputSize());
            ConvKernels.backwardData(s, dy, w, dx);
            assertClose(ref.dx, dx, ref.dxScale, "backwardData " + s);

            float[] dw = filledWithNaN(s.weightSize());
            ConvKernels.backwardWeights(s, x, dy, dw);
            assertClose(ref.dw, dw, ref.dwScale, "backwardWeights " + s);
        }
    }

    @Test
    void backwardsAreTheAdjointsOfForward() {
        Random rnd = new Random(5);
        for (ConvSpec s : GEOMETRIES) {
            float[] x = randomArray(rnd, s.inputSize());
            float[] w = randomArray(rnd, s.weightSize());
            float[] dy = randomArray(rnd, s.outputSize());
            float[] y = new float[s.outputSize()];
            float[] dx = new float[s.inputSize()];
            float[] dw = new float[s.weightSize()];
            ConvKernels.forward(s, x, w, null, y);
            ConvKernels.backwardData(s, dy, w, dx);
            ConvKernels.backwardWeights(s, x, dy, dw);
            double viaOutput = dot(y, dy);
            double scale = 1e-5 * Math.sqrt(s.outputSize() * (double) s.weightSize()) + 1e-6;
            assertEquals(viaOutput, dot(x, dx), scale, "<x, backwardData(dy)> " + s);
            assertEquals(viaOutput, dot(w, dw), scale, "<w, backwardWeights(x, dy)> " + s);
        }
    }

    @Test
    void backwardDataGoesByPhasesWhereThatIsNoMoreWork() {
        assertTrue(SubPixelConv.applies(new ConvSpec(64, 64, 32, 32, 128, 4, 4, 2, 2, 1, 1)), "DCGAN's middle layers");
        assertTrue(SubPixelConv.applies(new ConvSpec(64, 64, 24, 24, 64, 3, 3, 1, 1, 1, 1)), "ResNet's 3×3 layers");
        assertFalse(SubPixelConv.applies(new ConvSpec(64, 512, 4, 4, 100, 4, 4, 1, 1, 0, 0)),
                "DCGAN's first layer: a 1×1 output through a 4×4 kernel");
        assertFalse(SubPixelConv.applies(new ConvSpec(64, 3, 64, 64, 64, 4, 4, 2, 2, 1, 1)), "RGB: three GEMM rows");
    }

    @Test
    void threeByThreeLayersGoByWinogradWherePaysForItsTransforms() {
        assertTrue(WinogradConv.applies(new ConvSpec(64, 64, 24, 24, 64, 3, 3, 1, 1, 1, 1)), "ResNet-18's first stage");
        assertTrue(WinogradConv.appliesToBackwardData(new ConvSpec(64, 256, 6, 6, 256, 3, 3, 1, 1, 1, 1)), "its third");
        assertFalse(WinogradConv.applies(new ConvSpec(64, 512, 3, 3, 512, 3, 3, 1, 1, 1, 1)),
                "a 3×3 map: four tiles, 64 products per channel pair against im2col's 81");
        assertFalse(WinogradConv.applies(new ConvSpec(64, 1, 28, 28, 64, 3, 3, 1, 1, 1, 1)), "one input channel");
        assertFalse(WinogradConv.applies(new ConvSpec(64, 64, 24, 24, 64, 3, 3, 2, 2, 1, 1)), "stride 2");
        assertFalse(WinogradConv.applies(new ConvSpec(32, 4, 10, 10, 16, 3, 3, 1, 1, 0, 0)), "MinAtar's torso");
        assertFalse(WinogradConv.applies(new ConvSpec(2, 64, 24, 24, 64, 3, 3, 1, 1, 1, 1)), "two images in 8+ lanes");
    }

    @Test
    void winogradGivesTheSameBitsWhateverItsGroupsOfImages() {
        Random rnd = new Random(3);
        ConvSpec s = new ConvSpec(19, 32, 5, 6, 32, 3, 3, 1, 1, 1, 1);
        float[] x = randomArray(rnd, s.inputSize());
        float[] w = randomArray(rnd, s.weightSize());
        float[] bias = randomArray(rnd, s.outChannels());
        float[] whole = new float[s.outputSize()];
        WinogradConv.forward(s, x, w, bias, whole, s.batch());
        for (int group : new int[] {1, 8, 5}) {
            float[] grouped = filledWithNaN(s.outputSize());
            WinogradConv.forward(s, x, w, bias, grouped, group);
            assertArrayEquals(whole, grouped, "groups of " + group);
        }
    }

    @Test
    void winogradWeightGradientAddsGroupsOfImagesInTurn() {
        Random rnd = new Random(4);
        ConvSpec s = new ConvSpec(19, 32, 5, 6, 32, 3, 3, 1, 1, 1, 1);
        float[] x = randomArray(rnd, s.inputSize());
        float[] dy = randomArray(rnd, s.outputSize());
        Reference ref = Reference.of(s, x, new float[s.weightSize()], dy);
        for (int group : new int[] {19, 8, 5}) {
            float[] dw = filledWithNaN(s.weightSize());
            WinogradConv.backwardWeights(s, x, dy, dw, group);
            assertClose(ref.dw, dw, ref.dwScale, "backwardWeights in groups of " + group);
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Random rnd = new Random(2);
        for (ConvSpec s : List.of(new ConvSpec(6, 32, 16, 16, 64, 4, 4, 2, 2, 1, 1),
                new ConvSpec(3, 3, 48, 48, 8, 3, 3, 1, 1, 1, 1),
                new ConvSpec(32, 4, 10, 10, 16, 3, 3, 1, 1, 0, 0), // MinAtar's: the direct path
                new ConvSpec(32, 8, 10, 10, 16, 3, 3, 1, 1, 0, 0), // weight-gradient groups side by side
                new ConvSpec(8, 64, 8, 8, 32, 4, 4, 2, 2, 1, 1), // backward-data by phases
                new ConvSpec(16, 32, 12, 10, 48, 3, 3, 1, 1, 1, 1))) { // Winograd
            float[] x = randomArray(rnd, s.inputSize());
            float[] w = randomArray(rnd, s.weightSize());
            float[] dy = randomArray(rnd, s.outputSize());
            float[][] parallel = run(s, x, w, dy);
            float[][][] serial = new float[1][][];
            Parallel.serially(() -> serial[0] = run(s, x, w, dy));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(serial[0][i], parallel[i], "output " + i + " of " + s);
            }
        }
    }

    private static float[][] run(ConvSpec s, float[] x, float[] w, float[] dy) {
        float[] y = new float[s.outputSize()];
        float[] dx = new float[s.inputSize()];
        float[] dw = new float[s.weightSize()];
        ConvKernels.forward(s, x, w, null, y);
        ConvKernels.backwardData(s, dy, w, dx);
        ConvKernels.backwardWeights(s, x, dy, dw);
        return new float[][] {y, dx, dw};
    }

    /** Direct seven-loop convolution and its gradients in double, with each output's sum of |terms| for tolerances. */
    private record Reference(double[] y, double[] yScale, double[] dx, double[] dxScale, double[] dw, double[] dwScale) {
        static Reference of(ConvSpec s, float[] x, float[] w, float[] dy) {
            Reference r = new Reference(new double[s.outputSize()], new double[s.outputSize()],
                    new double[s.inputSize()], new double[s.inputSize()],
                    new double[s.weightSize()], new double[s.weightSize()]);
            int c = s.inChannels();
            int h = s.inHeight();
            int wd = s.inWidth();
            int o = s.outChannels();
            int kh = s.kernelHeight();
            int kw = s.kernelWidth();
            for (int n = 0; n < s.batch(); n++) {
                for (int oc = 0; oc < o; oc++) {
                    for (int oh = 0; oh < s.outHeight(); oh++) {
                        for (int ow = 0; ow < s.outWidth(); ow++) {
                            int yi = ((n * o + oc) * s.outHeight() + oh) * s.outWidth() + ow;
                            for (int ic = 0; ic < c; ic++) {
                                for (int i = 0; i < kh; i++) {
                                    for (int j = 0; j < kw; j++) {
                                        int ih = oh * s.strideHeight() - s.padHeight() + i;
                                        int iw = ow * s.strideWidth() - s.padWidth() + j;
                                        if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                            continue;
                                        }
                                        int xi = ((n * c + ic) * h + ih) * wd + iw;
                                        int wi = ((oc * c + ic) * kh + i) * kw + j;
                                        r.y[yi] += (double) x[xi] * w[wi];
                                        r.yScale[yi] += Math.abs((double) x[xi] * w[wi]);
                                        r.dx[xi] += (double) dy[yi] * w[wi];
                                        r.dxScale[xi] += Math.abs((double) dy[yi] * w[wi]);
                                        r.dw[wi] += (double) dy[yi] * x[xi];
                                        r.dwScale[wi] += Math.abs((double) dy[yi] * x[xi]);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return r;
        }
    }

    private static void assertClose(double[] expected, float[] actual, double[] scale, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 * scale[i] + 1e-7;
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
            }
        }
    }

    private static float[] filledWithNaN(int size) {
        float[] out = new float[size];
        java.util.Arrays.fill(out, Float.NaN);
        return out;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
