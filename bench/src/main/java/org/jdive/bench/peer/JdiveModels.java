package org.jdive.bench.peer;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;

/** Helpers shared by the jdive side of the peer benchmarks: seeded tensors and the layers composed of ops. */
final class JdiveModels {

    private JdiveModels() {
    }

    /** Normal samples times {@code scale}, drawn on the host and uploaded to {@code be}. */
    static Tensor randn(Backend be, UniformRandomProvider rng, float scale, int... shape) {
        var gauss = Rng.gaussian(rng);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) gauss.sample() * scale;
        }
        return Tensor.of(be, v, shape);
    }

    /** A parameter: He-scaled normal initial values, wanting a gradient. */
    static Tensor param(Backend be, UniformRandomProvider rng, int fanIn, int... shape) {
        return randn(be, rng, (float) Math.sqrt(2.0 / fanIn), shape).requiresGrad(true);
    }

    /** Uniform whole numbers in {@code [0, bound)} as floats, for actions and labels. */
    static Tensor integers(Backend be, UniformRandomProvider rng, int bound, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(bound);
        }
        return Tensor.of(be, v, shape);
    }

    /**
     * Batch normalisation over N, H, W of NCHW input in training mode, as PyTorch's {@code BatchNorm2d}:
     * normalised by the batch's mean and biased variance, scaled and shifted, and the running statistics
     * (momentum 0.1, unbiased variance) updated without gradient.
     */
    static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar) {
        int[] axes = {0, 2, 3};
        int count = x.size() / x.shape(1);
        Tensor mean = x.sum(axes, true).div(count);
        Tensor centred = x.sub(mean);
        Tensor var = centred.square().sum(axes, true).div(count);
        try (NoGrad off = NoGrad.open()) {
            runningMean.copyFromInPlace(runningMean.mul(0.9f).add(mean.detach().reshape(runningMean.shape()).mul(0.1f)));
            Tensor unbiased = var.detach().reshape(runningVar.shape()).mul(count / (float) Math.max(1, count - 1));
            runningVar.copyFromInPlace(runningVar.mul(0.9f).add(unbiased.mul(0.1f)));
        }
        return centred.mul(gamma.div(var.add(1e-5f).sqrt())).add(beta);
    }

    /** Binary cross-entropy of {@code logits} against 0/1 {@code targets}, averaged, computed stably. */
    static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return logits.relu().sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log()).mean();
    }

    /** The first element, read back alone: it also waits for an asynchronous device to finish. */
    static float first(Tensor t) {
        float[] one = new float[1];
        t.backend().download(t.buffer(), 0, one, 0, 1);
        return one[0];
    }
}
