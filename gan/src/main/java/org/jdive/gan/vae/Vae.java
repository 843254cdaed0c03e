package org.jdive.gan.vae;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.loss.Losses;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.ConvTranspose2d;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.Unflatten;
import org.jdive.gan.Networks;

/**
 * A variational autoencoder (Kingma and Welling 2014) with a convolutional encoder and decoder. The encoder maps an
 * image in [-1, 1] through two stride-2 convolutions (kernel 4, ReLU) and a linear layer to the mean {@code μ} and
 * log-variance {@code log σ²} of {@code q(z | x)}; the decoder maps a latent {@code z} through a linear layer and
 * two stride-2 transposed convolutions to one Bernoulli logit per pixel of {@code p(x | z)}, whose target is the
 * image scaled to [0, 1].
 *
 * <p>The loss is the negative ELBO per image: the binary cross-entropy of the logits summed over pixels plus the
 * closed-form {@code KL(q(z | x) ‖ N(0, I)) = -½ Σ (1 + log σ² - μ² - σ²)}, both averaged over the batch.
 */
public final class Vae extends Module {

    private final VaeConfig config;
    private final Sequential encoder;
    private final Sequential decoder;

    /** The networks of {@code config} on {@code backend}, PyTorch's default initialisation drawn from {@code rng}. */
    public Vae(VaeConfig config, Backend backend, UniformRandomProvider rng) {
        this.config = config;
        int w = config.width();
        int inner = config.innerSize();
        encoder = registerModule("encoder", Networks.materialize(new Sequential(
                Conv2d.lazy(w, 4, 2, 1, rng), new Relu(),
                Conv2d.lazy(2 * w, 4, 2, 1, rng), new Relu(),
                new Flatten(), Linear.lazy(2 * config.latentDim(), rng)), backend, config.imageShape()));
        decoder = registerModule("decoder", Networks.materialize(new Sequential(
                Linear.lazy(2 * w * inner * inner, rng), new Relu(), new Unflatten(1, 2 * w, inner, inner),
                ConvTranspose2d.lazy(w, 4, 2, 1, 0, true, rng), new Relu(),
                ConvTranspose2d.lazy(config.channels(), 4, 2, 1, 0, true, rng)), backend, config.latentDim()));
    }

    /** The shape of the networks. */
    public VaeConfig config() {
        return config;
    }

    /** The mean and log-variance of {@code q(z | x)} for images {@code x} {@code [N, C, H, W]}, each {@code [N, L]}. */
    public Posterior encode(Tensor x) {
        Tensor h = encoder.forward(x);
        int l = config.latentDim();
        return new Posterior(h.slice(1, 0, l), h.slice(1, l, 2 * l));
    }

    /** The Bernoulli logits {@code [N, C, H, W]} of {@code p(x | z)} for latents {@code z} {@code [N, L]}. */
    public Tensor decode(Tensor z) {
        return decoder.forward(z);
    }

    /** The reconstruction logits of {@code x} from its posterior mean, without sampling. */
    @Override
    public Tensor forward(Tensor x) {
        return decode(encode(x).mean());
    }

    /**
     * The loss of a batch {@code x} in [-1, 1] with standard normal noise {@code eps} {@code [N, L]} for the
     * reparameterisation {@code z = μ + σ · ε}: the negative ELBO and its two terms, per image.
     */
    public Loss loss(Tensor x, Tensor eps) {
        Posterior q = encode(x);
        Tensor z = q.mean().add(q.logVariance().mul(0.5f).exp().mul(eps));
        int n = x.shape(0);
        Tensor target = x.add(1f).mul(0.5f);
        Tensor reconstruction = Losses.bceWithLogits(decode(z), target, Reduction.SUM).div(n);
        Tensor kl = klToStandardNormal(q).div(n);
        return new Loss(reconstruction.add(kl), reconstruction, kl);
    }

    /** {@code Σ KL(N(μ, σ²) ‖ N(0, 1))} over a batch and its latent dimensions, in closed form. */
    public static Tensor klToStandardNormal(Posterior q) {
        Tensor mu = q.mean();
        Tensor logVar = q.logVariance();
        return logVar.add(1f).sub(mu.mul(mu)).sub(logVar.exp()).sum().mul(-0.5f);
    }

    /** The Gaussian {@code q(z | x)} of a batch: means and log-variances {@code [N, L]}. */
    public record Posterior(Tensor mean, Tensor logVariance) {
    }

    /** A batch's negative ELBO and its terms, per image: {@code total = reconstruction + kl}. */
    public record Loss(Tensor total, Tensor reconstruction, Tensor kl) {
    }
}
