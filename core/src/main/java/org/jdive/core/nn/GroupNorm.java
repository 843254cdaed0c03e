package org.jdive.core.nn;

import java.util.Arrays;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;

/**
 * Group normalisation (Wu and He 2018), as PyTorch's {@code nn.GroupNorm}: the channels of an {@code [N, C, …]} input
 * are split into {@code numGroups} consecutive groups and each sample's group is normalised by its own mean and
 * biased variance over the group's channels and all spatial positions, then scaled by {@code weight} (1) and shifted
 * by {@code bias} (0), one of each per channel. It does not depend on the batch, so training and evaluation agree;
 * one group is layer norm over {@code [C, H, W]}, {@code C} groups instance norm.
 */
public final class GroupNorm extends Module {

    private final int numGroups;
    private final int numChannels;
    private final float eps;
    private final Tensor weight;
    private final Tensor bias;

    /** PyTorch's defaults: {@code eps = 1e-5}, a learnable per-channel scale and shift. */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5f);
    }

    /**
     * Group norm with its parameters on the default backend.
     *
     * @param numGroups a positive divisor of {@code numChannels}
     * @param eps       added to the variance before its root
     */
    public GroupNorm(int numGroups, int numChannels, float eps) {
        if (numGroups <= 0 || numChannels <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm needs a positive number of groups that divides the channels, got "
                    + numGroups + " groups of " + numChannels + " channels");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        try (Scope persistent = Scope.none()) {
            weight = registerParameter("weight", Tensor.full(Backends.getDefault(), 1f, numChannels));
            bias = registerParameter("bias", Tensor.zeros(Backends.getDefault(), numChannels));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length < 2 || s[1] != numChannels) {
            throw new IllegalArgumentException("GroupNorm over " + numChannels + " channels needs an input [N, "
                    + numChannels + ", …], got " + shapeStr(s));
        }
        int n = s[0];
        int perGroup = x.size() / (n * numGroups);
        Tensor grouped = x.reshape(n, numGroups, perGroup);
        Tensor centred = grouped.sub(grouped.sum(2, true).div(perGroup));
        Tensor var = centred.square().sum(2, true).div(perGroup);
        Tensor y = centred.div(var.add(eps).sqrt()).reshape(s);
        int[] perChannel = new int[s.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = numChannels;
        return y.mul(weight.reshape(perChannel)).add(bias.reshape(perChannel));
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + eps;
    }
}
