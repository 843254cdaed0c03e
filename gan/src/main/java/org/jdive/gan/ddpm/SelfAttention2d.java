package org.jdive.gan.ddpm;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.GroupNorm;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.attention.MultiHeadAttention;

/**
 * Self-attention over the pixels of a feature map, as in the DDPM U-Net's low-resolution blocks: the group-normalised
 * map {@code [N, C, H, W]} is read as {@code H·W} tokens of {@code C} features, one attention head with biased
 * projections lets every pixel attend to every other, and the result is added back to the input.
 */
final class SelfAttention2d extends Module {

    private final GroupNorm norm;
    private final MultiHeadAttention attention;

    SelfAttention2d(int channels, int groups, UniformRandomProvider rng) {
        norm = registerModule("norm", new GroupNorm(groups, channels));
        attention = registerModule("attention", new MultiHeadAttention(channels, 1, 0f, true, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        Tensor tokens = norm.forward(x).reshape(s[0], s[1], s[2] * s[3]).permute(0, 2, 1);
        return x.add(attention.forward(tokens).permute(0, 2, 1).reshape(s));
    }
}
