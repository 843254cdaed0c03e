package org.jdive.gan.ddpm;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Functional;
import org.jdive.core.nn.GroupNorm;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.UpsampleNearest2d;

/**
 * A small U-Net for the noise prediction {@code ε_θ(x_t, t)} of a DDPM, after Ho et al. (2020, appendix B) cut to two
 * resolution changes for 28 × 28 digits on a CPU. With {@code w} the config's width:
 *
 * <pre>
 *   t ─ sinusoidal embedding (w) ─ Linear(4w) ─ SiLU ─ Linear(4w) ─ SiLU ──────────► every ResBlock
 *   x (C × 28²) ─ conv 3×3 → w ─ ResBlock(w) ─────────────────────────────┐ skip 28²
 *                 conv 3×3 / 2 ─ ResBlock(2w) ───────────────────────┐  │ skip 14²
 *                 conv 3×3 / 2 ─ ResBlock(2w) ─ [attention] ─ ResBlock(2w)   at 7²
 *                 upsample ×2 ─ conv 3×3 ─ concat ─ ResBlock(2w) ───┘  │
 *                 upsample ×2 ─ conv 3×3 → w ─ concat ─ ResBlock(w) ─────┘
 *                 GroupNorm ─ SiLU ─ conv 3×3 → C = ε_θ
 * </pre>
 *
 * The last convolution starts at zero, as in the reference implementation, so the untrained network predicts no noise.
 */
public final class UNet extends Module {

    private final UNetConfig config;
    private final Linear time1;
    private final Linear time2;
    private final Conv2d in;
    private final ResBlock blockFull;
    private final Conv2d downHalf;
    private final ResBlock blockHalf;
    private final Conv2d downQuarter;
    private final ResBlock mid1;
    private final SelfAttention2d attention;
    private final ResBlock mid2;
    private final UpsampleNearest2d upsample = new UpsampleNearest2d(2);
    private final Conv2d upHalf;
    private final ResBlock upBlockHalf;
    private final Conv2d upFull;
    private final ResBlock upBlockFull;
    private final GroupNorm outNorm;
    private final Conv2d out;

    /** The network of {@code config} on {@code backend}, PyTorch's default initialisation drawn from {@code rng}. */
    public UNet(UNetConfig config, Backend backend, UniformRandomProvider rng) {
        this.config = config;
        int w = config.width();
        int td = config.timeDim();
        int g = UNetConfig.GROUPS;
        Backend before = Backends.getDefault();
        Backends.setDefault(backend); // the layers create their parameters on the default backend
        try {
            time1 = registerModule("time1", new Linear(w, td, rng));
            time2 = registerModule("time2", new Linear(td, td, rng));
            in = registerModule("in", new Conv2d(config.channels(), w, 3, 1, 1, true, rng));
            blockFull = registerModule("blockFull", new ResBlock(w, w, td, g, rng));
            downHalf = registerModule("downHalf", new Conv2d(w, w, 3, 2, 1, true, rng));
            blockHalf = registerModule("blockHalf", new ResBlock(w, 2 * w, td, g, rng));
            downQuarter = registerModule("downQuarter", new Conv2d(2 * w, 2 * w, 3, 2, 1, true, rng));
            mid1 = registerModule("mid1", new ResBlock(2 * w, 2 * w, td, g, rng));
            attention = config.attention() ? registerModule("attention", new SelfAttention2d(2 * w, g, rng)) : null;
            mid2 = registerModule("mid2", new ResBlock(2 * w, 2 * w, td, g, rng));
            upHalf = registerModule("upHalf", new Conv2d(2 * w, 2 * w, 3, 1, 1, true, rng));
            upBlockHalf = registerModule("upBlockHalf", new ResBlock(4 * w, 2 * w, td, g, rng));
            upFull = registerModule("upFull", new Conv2d(2 * w, w, 3, 1, 1, true, rng));
            upBlockFull = registerModule("upBlockFull", new ResBlock(2 * w, w, td, g, rng));
            outNorm = registerModule("outNorm", new GroupNorm(g, w));
            out = registerModule("out", new Conv2d(w, config.channels(), 3, 1, 1, true, rng));
            try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                forward(Tensor.zeros(backend, 2, config.channels(), config.imageSize(), config.imageSize()), new int[2]);
            }
        } finally {
            Backends.setDefault(before);
        }
        for (Tensor p : out.parameters()) {
            p.copyFromInPlace(Tensor.zeros(backend, p.shape()));
        }
    }

    /** The shape of the network. */
    public UNetConfig config() {
        return config;
    }

    /** The predicted noise {@code [N, C, H, W]} for noisy images {@code x} {@code [N, C, H, W]} at timesteps {@code t}. */
    public Tensor forward(Tensor x, int[] t) {
        if (t.length != x.shape(0)) {
            throw new IllegalArgumentException("the U-Net needs one timestep per image, got " + t.length + " for "
                    + x.shape(0) + " images");
        }
        Tensor emb = Functional.silu(time2.forward(Functional.silu(time1.forward(
                TimestepEmbedding.sinusoidal(x.backend(), t, config.width())))));
        Tensor full = blockFull.forward(in.forward(x), emb);
        Tensor half = blockHalf.forward(downHalf.forward(full), emb);
        Tensor h = mid1.forward(downQuarter.forward(half), emb);
        if (attention != null) {
            h = attention.forward(h);
        }
        h = mid2.forward(h, emb);
        h = upBlockHalf.forward(Tensor.concat(1, upHalf.forward(upsample.forward(h)), half), emb);
        h = upBlockFull.forward(Tensor.concat(1, upFull.forward(upsample.forward(h)), full), emb);
        return out.forward(Functional.silu(outNorm.forward(h)));
    }

    /** Not defined: the network needs the timesteps; call {@link #forward(Tensor, int[])}. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("the U-Net needs the timesteps: forward(x, t)");
    }
}
