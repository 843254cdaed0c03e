package org.jdive.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same backend, same bits, whatever the number of threads: a training run large enough to take
 * every parallel path (GEMM, convolution, elementwise, reductions) gives the same parameters in JVMs with
 * one and with two compute threads.
 */
class DeterminismTest {

    @Test
    void trainingGivesTheSameBitsOnOneAndTwoThreads() throws Exception {
        String one = runProbe(1);
        String two = runProbe(2);
        assertEquals(one, two, "parameter checksum with 1 vs 2 threads");
        assertEquals(Probe.train(), one, "checksum in this JVM");
    }

    private static String runProbe(int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Djdive.threads=" + threads,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("probe with " + threads + " thread(s) failed: " + out);
        }
        return out;
    }

    /** Trains a small CNN + MLP for a few steps and prints a checksum of the parameters' bits. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(train());
        }

        static String train() {
            var rng = Rng.seeded(11);
            Tensor conv = Tensor.randn(rng, 16, 3, 3, 3).mul(0.2f).keep().requiresGrad(true);
            Tensor w = Tensor.randn(rng, 16 * 16 * 16, 64).mul(0.02f).keep().requiresGrad(true);
            Tensor head = Tensor.randn(rng, 64, 10).mul(0.1f).keep().requiresGrad(true);
            Tensor x = Tensor.randn(rng, 32, 3, 16, 16);
            Tensor labels = Tensor.of(randomLabels(32, 10), 32, 1);
            Sgd sgd = new Sgd(List.of(conv, w, head), 0.05f, 0.9f, 1e-4f, true);
            for (int step = 0; step < 5; step++) {
                try (Scope scope = Scope.open()) {
                    Tensor h = x.conv2d(conv, 1, 1).relu().flatten(1).matmul(w).tanh();
                    Tensor loss = h.matmul(head).logSoftmax(1).gather(1, labels).mean().neg()
                            .add(h.square().sum().mul(1e-4f));
                    sgd.zeroGrad();
                    loss.backward();
                    sgd.step();
                }
            }
            long hash = 17;
            for (Tensor t : List.of(conv, w, head)) {
                for (float v : t.toFloatArray()) {
                    hash = hash * 31 + Float.floatToRawIntBits(v);
                }
            }
            return Long.toHexString(hash);
        }

        private static float[] randomLabels(int n, int classes) {
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (i * 7) % classes;
            }
            return labels;
        }
    }
}
