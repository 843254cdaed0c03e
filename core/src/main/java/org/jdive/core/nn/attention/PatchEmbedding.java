package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Module;

/**
 * The vision Transformer's patch embedding, D2L 11.8.2's {@code PatchEmbedding}: a lazy convolution with kernel =
 * stride = the patch size cuts an image {@code [batch, channels, imgSize, imgSize]} into non-overlapping patches and
 * projects each to {@code numHiddens}; the output is {@code [batch, numPatches, numHiddens]}.
 */
public final class PatchEmbedding extends Module {

    private final int numPatches;
    private final Conv2d conv;

    /** Square images of side {@code imgSize} cut into square patches of side {@code patchSize}. */
    public PatchEmbedding(int imgSize, int patchSize, int numHiddens, UniformRandomProvider rng) {
        if (patchSize <= 0 || imgSize < patchSize) {
            throw new IllegalArgumentException("patch embedding needs 0 < patchSize <= imgSize, got patch size "
                    + patchSize + " for images of side " + imgSize);
        }
        numPatches = (imgSize / patchSize) * (imgSize / patchSize);
        conv = registerModule("conv", Conv2d.lazy(numHiddens, patchSize, patchSize, 0, rng));
    }

    /** How many patches an image of the configured size gives. */
    public int numPatches() {
        return numPatches;
    }

    @Override
    public Tensor forward(Tensor images) {
        return conv.forward(images).flatten(2).transpose(1, 2);
    }
}
