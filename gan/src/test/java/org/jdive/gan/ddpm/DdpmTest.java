package org.jdive.gan.ddpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.optim.Adam;
import org.jdive.gan.Noise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DDPM's forward sampling, its two reverse updates and the U-Net's shape and learning. */
class DdpmTest {

    private final Backend cpu = Backends.cpu();
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private UNet tinyNet(long seed) {
        return new UNet(new UNetConfig(1, 8, 8, true), cpu, Rng.seeded(seed));
    }

    @Test
    void noisyImagesHaveTheMeanAndVarianceOfTheForwardProcess() {
        NoiseSchedule schedule = NoiseSchedule.linear(1000, 1e-4, 0.02);
        try (UNet net = tinyNet(1)) {
            Ddpm ddpm = new Ddpm(net, schedule);
            int n = 4;
            int pixels = 50_000;
            Tensor x0 = Tensor.full(cpu, 0.8f, n, 1, 1, pixels);
            int[] t = {0, 99, 499, 999};
            float[] xt = ddpm.noisy(x0, t, Noise.sample(Rng.seeded(2), cpu, n, 1, 1, pixels)).toFloatArray();
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double sq = 0;
                for (int p = 0; p < pixels; p++) {
                    sum += xt[i * pixels + p];
                    sq += xt[i * pixels + p] * (double) xt[i * pixels + p];
                }
                double mean = sum / pixels;
                double var = sq / pixels - mean * mean;
                double ab = schedule.alphaBar(t[i]);
                // 5 standard errors of the mean and of the variance of 50,000 Gaussian draws
                double sd = Math.sqrt(1 - ab);
                assertEquals(0.8 * Math.sqrt(ab), mean, 5 * sd / Math.sqrt(pixels), "mean at t = " + t[i]);
                assertEquals(1 - ab, var, 5 * (1 - ab) * Math.sqrt(2.0 / pixels), "variance at t = " + t[i]);
            }
        }
    }

    @Test
    void ddimWithEtaOneOnAdjacentStepsIsTheAncestralUpdateWithPosteriorVariance() {
        NoiseSchedule schedule = NoiseSchedule.linear(1000, 1e-4, 0.02);
        try (UNet net = tinyNet(3)) {
            Ddpm ddpm = new Ddpm(net, schedule);
            var rng = Rng.seeded(4);
            for (int t : new int[] {0, 1, 10, 500, 999}) {
                Tensor x = Noise.sample(rng, cpu, 2, 1, 3, 3);
                Tensor eps = Noise.sample(rng, cpu, 2, 1, 3, 3);
                Tensor z = Noise.sample(rng, cpu, 2, 1, 3, 3);
                float[] ancestral = ddpm.ancestralStep(x, t, eps, z, Sampling.Variance.POSTERIOR).toFloatArray();
                float[] ddim = ddpm.ddimStep(x, t, t - 1, eps, z, 1.0, false).toFloatArray();
                assertArrayEquals(ancestral, ddim, 2e-4f * (1 + t / 100f), "t = " + t);
            }
        }
    }

    @Test
    void clippingChangesAStepOnlyWhereTheEstimatedX0LeavesMinusOneToOne() {
        NoiseSchedule schedule = NoiseSchedule.linear(1000, 1e-4, 0.02);
        try (UNet net = tinyNet(11)) {
            Ddpm ddpm = new Ddpm(net, schedule);
            var rng = Rng.seeded(12);
            int t = 200;
            double ab = schedule.alphaBar(t);
            // x_t built from an x_0 inside [-1, 1] and its exact noise: the estimate is x_0, nothing to clip
            Tensor x0 = Tensor.rand(rng, 2, 1, 4, 4).mul(1.8f).sub(0.9f);
            Tensor eps = Noise.sample(rng, cpu, 2, 1, 4, 4);
            Tensor x = x0.mul((float) Math.sqrt(ab)).add(eps.mul((float) Math.sqrt(1 - ab)));
            Tensor z = Noise.sample(rng, cpu, 2, 1, 4, 4);
            assertArrayEquals(x0.toFloatArray(), ddpm.predictedX0(x, t, eps).toFloatArray(), 1e-4f);
            assertArrayEquals(ddpm.ancestralStep(x, t, eps, z, Sampling.Variance.BETA).toFloatArray(),
                    ddpm.clippedAncestralStep(x, t, eps, z, Sampling.Variance.BETA).toFloatArray(), 1e-4f);
            assertArrayEquals(ddpm.ddimStep(x, t, 180, eps, z, 0.5, false).toFloatArray(),
                    ddpm.ddimStep(x, t, 180, eps, z, 0.5, true).toFloatArray(), 1e-4f);
            // an estimate far outside: the last DDIM step (to ᾱ = 1) returns x̂_0 itself, clipped
            Tensor far = Tensor.full(cpu, 5f, 1, 1, 2, 2);
            Tensor none = Tensor.zeros(cpu, 1, 1, 2, 2);
            assertArrayEquals(new float[] {1, 1, 1, 1}, ddpm.ddimStep(far, 0, -1, none, none, 0, true).toFloatArray(), 1e-6f);
            assertEquals(5f / (float) Math.sqrt(schedule.alphaBar(0)),
                    ddpm.ddimStep(far, 0, -1, none, none, 0, false).toFloatArray()[0], 1e-4f);
        }
    }

    @Test
    void theDdimSamplerOverAllStepsWithEtaOneFollowsTheAncestralSampler() {
        NoiseSchedule schedule = NoiseSchedule.linear(20, 1e-3, 0.2);
        try (UNet net = tinyNet(5)) {
            // a net that predicts some noise: its last convolution nudged off zero
            for (Tensor p : net.parameters()) {
                p.copyFromInPlace(p.add(0.01f));
            }
            Ddpm ddpm = new Ddpm(net, schedule);
            Tensor xT = Noise.sample(Rng.seeded(6), cpu, 3, 1, 8, 8);
            for (boolean clip : new boolean[] {false, true}) {
                Sampling ancestral = new Sampling(Sampling.Method.DDPM, 1, 0, Sampling.Variance.POSTERIOR, clip);
                try (Tensor a = ddpm.sample(xT, ancestral, Rng.seeded(7), (x, step) -> { });
                     Tensor b = ddpm.sample(xT, Sampling.ddim(20, 1.0, clip), Rng.seeded(7), (x, step) -> { })) {
                    assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-3f, "clip " + clip);
                }
            }
        }
    }

    @Test
    void ddimVisitsEvenlySpacedTimestepsDownToZero() {
        try (UNet net = tinyNet(8)) {
            Ddpm ddpm = new Ddpm(net, NoiseSchedule.linear(1000, 1e-4, 0.02));
            int[] ts = ddpm.ddimTimesteps(50);
            assertEquals(50, ts.length);
            assertEquals(980, ts[0]);
            assertEquals(960, ts[1]);
            assertEquals(0, ts[49]);
            assertArrayEquals(new int[] {4, 3, 2, 1, 0}, new Ddpm(net, NoiseSchedule.linear(5, 0.1, 0.2)).ddimTimesteps(5));
            assertThrows(IllegalArgumentException.class, () -> ddpm.ddimTimesteps(1001));
        }
    }

    @Test
    void theUNetStartsAtZeroAndLearnsToPredictTheNoiseOfAFixedBatch() {
        try (UNet net = tinyNet(9)) {
            Ddpm ddpm = new Ddpm(net, NoiseSchedule.linear(100, 1e-4, 0.02));
            var rng = Rng.seeded(10);
            Tensor x0 = Tensor.rand(rng, 8, 1, 8, 8).mul(2f).sub(1f);
            Tensor eps = Noise.sample(rng, cpu, 8, 1, 8, 8);
            int[] t = {0, 10, 20, 30, 50, 70, 90, 99};
            assertArrayEquals(new int[] {8, 1, 8, 8}, net.forward(x0, t).shape());
            assertEquals(0f, net.forward(x0, t).abs().sum().item(), 0f, "the last convolution starts at zero");
            float first;
            float last = 0;
            try (Adam adam = new Adam(net.parameters(), 3e-3f)) {
                first = ddpm.loss(x0, t, eps).item();
                for (int step = 0; step < 60; step++) {
                    try (Scope s = Scope.open()) {
                        adam.zeroGrad();
                        Tensor loss = ddpm.loss(x0, t, eps);
                        loss.backward();
                        adam.step();
                        last = loss.item();
                    }
                }
            }
            assertEquals(1f, first, 0.1f, "predicting zero noise costs E[ε²] = 1");
            // measured 8.5e-4 on cpu: 60 steps memorise one batch's noise
            assertTrue(last < 0.01f, "60 steps fit one batch's noise, got " + last);
        }
    }
}
