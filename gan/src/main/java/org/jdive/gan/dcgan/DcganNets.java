package org.jdive.gan.dcgan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.backend.Backend;
import org.jdive.core.nn.BatchNorm2d;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.ConvTranspose2d;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.Tanh;
import org.jdive.core.nn.init.Init;
import org.jdive.gan.Networks;

/** Builds and initialises DCGAN's networks (D2L 20.2) for a {@link DcganConfig}. */
public final class DcganNets {

    private static final float STD = 0.02f;

    private DcganNets() {
    }

    /**
     * The generator: {@code [N, latent (+ classes), 1, 1] → [N, C, S, S]} in (-1, 1). A first {@link GBlock} to
     * {@code base × base} with {@code widthG · 2^(blocks-1)} channels, blocks halving the channels and doubling
     * the size, then a transposed convolution to {@code C} channels (no bias) and tanh.
     */
    public static Sequential generator(DcganConfig c, Backend backend, UniformRandomProvider rng) {
        int blocks = c.blocks();
        Sequential g = new Sequential(new GBlock(c.widthG() << (blocks - 1), c.base(), 1, 0, rng));
        for (int i = 1; i < blocks; i++) {
            g.add(new GBlock(c.widthG() << (blocks - 1 - i), 4, 2, 1, rng));
        }
        g.add(ConvTranspose2d.lazy(c.channels(), 4, 2, 1, 0, false, rng)).add(new Tanh());
        return Networks.materialize(g, backend, c.generatorInputShape());
    }

    /**
     * The discriminator: {@code [N, C (+ classes), S, S] → [N, 1, 1, 1]} logits. {@link DBlock}s doubling the channels from
     * {@code widthD} and halving the size down to {@code base × base}, then a convolution of kernel {@code base}
     * to one logit (no bias). The PyTorch variant has no batch norm in the first block.
     */
    public static Sequential discriminator(DcganConfig c, Backend backend, UniformRandomProvider rng) {
        Sequential d = new Sequential();
        for (int i = 0; i < c.blocks(); i++) {
            d.add(new DBlock(c.widthD() << i, i > 0 || c.variant() == Variant.D2L, rng));
        }
        d.add(Conv2d.lazy(1, c.base(), 1, 0, false, rng));
        return Networks.materialize(d, backend, c.discriminatorInputShape());
    }

    /** Draws the first parameters of {@code net} as {@code variant} says. */
    public static void initialize(Module net, Variant variant, UniformRandomProvider rng) {
        if (variant == Variant.D2L) {
            Networks.initNormal(net, STD, rng);
            return;
        }
        Init weight = Init.normal(0f, STD);
        Init scale = Init.normal(1f, STD);
        net.apply(m -> {
            if (m instanceof Conv2d conv) {
                weight.fill(conv.weight(), rng);
            } else if (m instanceof ConvTranspose2d conv) {
                weight.fill(conv.weight(), rng);
            } else if (m instanceof BatchNorm2d) {
                scale.fill(m.namedParameters().get("weight"), rng);
                Init.zeros().fill(m.namedParameters().get("bias"), rng);
            }
        });
    }
}
