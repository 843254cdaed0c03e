package org.jdive.gan.ddpm;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.gan.Noise;

/**
 * A denoising diffusion probabilistic model (Ho et al. 2020): a {@link NoiseSchedule} and a network {@code ε_θ} that
 * predicts the noise in {@code x_t}. Training minimises Algorithm 1's simplified loss
 * {@code ‖ε - ε_θ(√ᾱ_t x_0 + √(1 - ᾱ_t) ε, t)‖²} (the mean over pixels) for {@code t} uniform and {@code ε ~ N(0, I)};
 * sampling runs the reverse process from {@code x_T ~ N(0, I)}, either ancestrally (Algorithm 2) or with DDIM's
 * update (Song et al. 2021, eq. 12) on a subsequence of the timesteps, optionally clipping each step's estimate of
 * {@code x_0} to [-1, 1] as the reference implementation does.
 */
public final class Ddpm {

    private final UNet net;
    private final NoiseSchedule schedule;

    /** The model of noise predictor {@code net} under {@code schedule}. */
    public Ddpm(UNet net, NoiseSchedule schedule) {
        this.net = net;
        this.schedule = schedule;
    }

    /** The noise predictor. */
    public UNet net() {
        return net;
    }

    /** The forward process. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** A sample of {@code q(x_t | x_0)}: {@code √ᾱ_t x_0 + √(1 - ᾱ_t) ε}, each image at its own timestep {@code t[i]}. */
    public Tensor noisy(Tensor x0, int[] t, Tensor eps) {
        float[] signal = new float[t.length];
        float[] noise = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            signal[i] = (float) Math.sqrt(schedule.alphaBar(t[i]));
            noise[i] = (float) Math.sqrt(1 - schedule.alphaBar(t[i]));
        }
        return x0.mul(perImage(x0, signal)).add(eps.mul(perImage(x0, noise)));
    }

    /** The simplified loss of Algorithm 1 for clean images {@code x0}, their timesteps {@code t} and noise {@code eps}. */
    public Tensor loss(Tensor x0, int[] t, Tensor eps) {
        return net.forward(noisy(x0, t, eps), t).sub(eps).square().mean();
    }

    /**
     * One step of Algorithm 2 from {@code x} at timestep {@code t} with predicted noise {@code eps}:
     * {@code x_{t-1} = (x_t - β_t / √(1 - ᾱ_t) · ε) / √α_t + σ_t z}, no noise added at {@code t = 0}.
     *
     * @param z standard normal noise of {@code x}'s shape (unused at {@code t = 0})
     */
    public Tensor ancestralStep(Tensor x, int t, Tensor eps, Tensor z, Sampling.Variance variance) {
        double beta = schedule.beta(t);
        Tensor mean = x.sub(eps.mul((float) (beta / Math.sqrt(1 - schedule.alphaBar(t)))))
                .mul((float) (1 / Math.sqrt(schedule.alpha(t))));
        return withNoise(mean, t, z, variance);
    }

    /**
     * Algorithm 2's step with {@code x̂_0} clipped to [-1, 1], as the reference implementation samples: the mean of the
     * forward process posterior {@code μ̃_t(x_t, x̂_0) = √ᾱ_{t-1} β_t / (1 - ᾱ_t) · x̂_0 + √α_t (1 - ᾱ_{t-1}) / (1 - ᾱ_t) · x_t}
     * (without clipping, the same mean as {@link #ancestralStep}), plus {@code σ_t z}.
     */
    public Tensor clippedAncestralStep(Tensor x, int t, Tensor eps, Tensor z, Sampling.Variance variance) {
        double alphaBar = schedule.alphaBar(t);
        double alphaBarPrev = schedule.alphaBarBefore(t);
        Tensor x0 = predictedX0(x, t, eps).clamp(-1f, 1f);
        Tensor mean = x0.mul((float) (Math.sqrt(alphaBarPrev) * schedule.beta(t) / (1 - alphaBar)))
                .add(x.mul((float) (Math.sqrt(schedule.alpha(t)) * (1 - alphaBarPrev) / (1 - alphaBar))));
        return withNoise(mean, t, z, variance);
    }

    private Tensor withNoise(Tensor mean, int t, Tensor z, Sampling.Variance variance) {
        if (t == 0) {
            return mean;
        }
        double sigma2 = variance == Sampling.Variance.BETA ? schedule.beta(t) : schedule.posteriorVariance(t);
        return mean.add(z.mul((float) Math.sqrt(sigma2)));
    }

    /** {@code x̂_0 = (x_t - √(1 - ᾱ_t) ε) / √ᾱ_t}, the clean image the predicted noise implies. */
    public Tensor predictedX0(Tensor x, int t, Tensor eps) {
        double alphaBar = schedule.alphaBar(t);
        return x.sub(eps.mul((float) Math.sqrt(1 - alphaBar))).mul((float) (1 / Math.sqrt(alphaBar)));
    }

    /**
     * One DDIM step from {@code x} at timestep {@code t} to timestep {@code prev < t} ({@code -1}: to the data) with
     * predicted noise {@code eps}: {@code x_prev = √ᾱ_prev · x̂_0 + √(1 - ᾱ_prev - σ²) · ε + σ z} with
     * {@code x̂_0 = (x_t - √(1 - ᾱ_t) ε) / √ᾱ_t} and {@code σ = η √((1 - ᾱ_prev) / (1 - ᾱ_t)) √(1 - ᾱ_t / ᾱ_prev)}.
     * With {@code clip}, {@code x̂_0} is clipped to [-1, 1] and {@code ε} recomputed from it, as diffusers' DDIM does.
     *
     * @param z standard normal noise of {@code x}'s shape, unused when {@code σ = 0}
     */
    public Tensor ddimStep(Tensor x, int t, int prev, Tensor eps, Tensor z, double eta, boolean clip) {
        double alphaBar = schedule.alphaBar(t);
        double alphaBarPrev = prev < 0 ? 1 : schedule.alphaBar(prev);
        double sigma = eta * Math.sqrt((1 - alphaBarPrev) / (1 - alphaBar)) * Math.sqrt(1 - alphaBar / alphaBarPrev);
        Tensor x0 = predictedX0(x, t, eps);
        if (clip) {
            x0 = x0.clamp(-1f, 1f);
            eps = x.sub(x0.mul((float) Math.sqrt(alphaBar))).mul((float) (1 / Math.sqrt(1 - alphaBar)));
        }
        Tensor next = x0.mul((float) Math.sqrt(alphaBarPrev))
                .add(eps.mul((float) Math.sqrt(Math.max(0, 1 - alphaBarPrev - sigma * sigma))));
        return sigma == 0 ? next : next.add(z.mul((float) sigma));
    }

    /**
     * The timesteps DDIM visits, descending: {@code steps} of the {@code T}, evenly spaced and ending at 0
     * ({@code T - 1 - ⌊i·T/steps⌋} for {@code i = steps-1 … 0}, reversed), all of them for {@code steps = T}.
     */
    public int[] ddimTimesteps(int steps) {
        int total = schedule.steps();
        if (steps < 1 || steps > total) {
            throw new IllegalArgumentException("DDIM takes 1 to T = " + total + " steps, got " + steps);
        }
        int[] ts = new int[steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = (int) ((long) (steps - 1 - i) * total / steps);
        }
        return ts;
    }

    /**
     * Runs the reverse process from {@code xT} and returns {@code x_0}, in a tensor the caller closes; {@code rng} draws
     * the noise of each step (none for deterministic DDIM). After every step {@code onStep} sees the current images
     * and the number of steps taken (valid only during the call).
     */
    public Tensor sample(Tensor xT, Sampling sampling, UniformRandomProvider rng, ObjIntConsumer<Tensor> onStep) {
        int[] ts = sampling.method() == Sampling.Method.DDPM ? ddimTimesteps(schedule.steps())
                : ddimTimesteps(sampling.steps());
        int n = xT.shape(0);
        int[] imageShape = {xT.shape(1), xT.shape(2), xT.shape(3)};
        Tensor x = xT;
        try (NoGrad off = NoGrad.open()) {
            for (int i = 0; i < ts.length; i++) {
                int t = ts[i];
                Tensor next;
                try (Scope scope = Scope.open()) {
                    int[] batchT = new int[n];
                    Arrays.fill(batchT, t);
                    Tensor eps = net.forward(x, batchT);
                    boolean noise = sampling.method() == Sampling.Method.DDPM ? t > 0
                            : sampling.eta() > 0 && i + 1 < ts.length;
                    Tensor z = noise ? Noise.sample(rng, x.backend(), n, imageShape) : null;
                    if (sampling.method() == Sampling.Method.DDIM) {
                        next = ddimStep(x, t, i + 1 < ts.length ? ts[i + 1] : -1, eps, z, sampling.eta(), sampling.clip());
                    } else if (sampling.clip()) {
                        next = clippedAncestralStep(x, t, eps, z, sampling.variance());
                    } else {
                        next = ancestralStep(x, t, eps, z, sampling.variance());
                    }
                    next.keep();
                }
                if (x != xT) {
                    x.close();
                }
                x = next;
                onStep.accept(x, i + 1);
            }
        }
        return x;
    }

    /** Per-image coefficients as a {@code [N, 1, 1, 1]} tensor on {@code like}'s backend. */
    private static Tensor perImage(Tensor like, float[] values) {
        return Tensor.of(like.backend(), values, values.length, 1, 1, 1);
    }
}
