package org.jdive.gan.ddpm;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Functional;
import org.jdive.core.nn.GroupNorm;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;

/**
 * The residual block of the DDPM U-Net (Ho et al. 2020, after Wide ResNet): {@code h = conv(SiLU(GroupNorm(x)))}, the
 * projected timestep embedding added to every pixel of {@code h} as a per-channel shift, {@code h = conv(SiLU(GroupNorm(h)))},
 * and the input added back (through a 1 × 1 convolution when the channel count changes). Convolutions are 3 × 3 with
 * padding 1, so the size is kept.
 */
final class ResBlock extends Module {

    private final int outChannels;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear time;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;

    ResBlock(int inChannels, int outChannels, int timeDim, int groups, UniformRandomProvider rng) {
        this.outChannels = outChannels;
        norm1 = registerModule("norm1", new GroupNorm(groups, inChannels));
        conv1 = registerModule("conv1", new Conv2d(inChannels, outChannels, 3, 1, 1, true, rng));
        time = registerModule("time", new Linear(timeDim, outChannels, rng));
        norm2 = registerModule("norm2", new GroupNorm(groups, outChannels));
        conv2 = registerModule("conv2", new Conv2d(outChannels, outChannels, 3, 1, 1, true, rng));
        skip = inChannels == outChannels ? null
                : registerModule("skip", new Conv2d(inChannels, outChannels, 1, 1, 0, true, rng));
    }

    /**
     * The block's output for feature maps {@code x} {@code [N, in, H, W]} and the activated timestep embedding
     * {@code timeEmbedding} {@code [N, timeDim]}: {@code [N, out, H, W]}.
     */
    Tensor forward(Tensor x, Tensor timeEmbedding) {
        Tensor h = conv1.forward(Functional.silu(norm1.forward(x)));
        h = h.add(time.forward(timeEmbedding).reshape(x.shape(0), outChannels, 1, 1));
        h = conv2.forward(Functional.silu(norm2.forward(h)));
        return h.add(skip == null ? x : skip.forward(x));
    }

    /** Not defined: the block needs the timestep embedding; call {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("a U-Net residual block needs the timestep embedding: forward(x, embedding)");
    }
}
