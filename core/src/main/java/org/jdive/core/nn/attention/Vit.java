package org.jdive.core.nn.attention;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.LayerNorm;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.init.Init;

/**
 * The vision Transformer, D2L 11.8.4's {@code ViT}: the image's {@linkplain PatchEmbedding patch embeddings} after a
 * learned {@code <cls>} token (zeros at first), plus learned positional embeddings ({@code N(0, 1)} at first), with
 * dropout; then {@code numBlks} {@linkplain VitBlock blocks}; the {@code <cls>} position's output goes through a layer
 * norm and a linear head to {@code numClasses} logits. Images {@code [batch, channels, imgSize, imgSize]} give
 * {@code [batch, numClasses]}.
 */
public final class Vit extends Module {

    private final int imgSize;
    private final PatchEmbedding patchEmbedding;
    private final Tensor clsToken;
    private final Tensor posEmbedding;
    private final Dropout dropout;
    private final Sequential blks;
    private final Sequential head;

    /**
     * @param embDropout the dropout after the positional embeddings
     * @param blkDropout the dropout inside the blocks (attention weights and MLP)
     * @param useBias    whether the attention projections add a bias (the book: no)
     * @param rng        draws the parameters and the dropout masks
     */
    public Vit(int imgSize, int patchSize, int numHiddens, int mlpNumHiddens, int numHeads, int numBlks,
               float embDropout, float blkDropout, boolean useBias, int numClasses, UniformRandomProvider rng) {
        this(imgSize, patchSize, numHiddens, mlpNumHiddens, numHeads, numBlks, embDropout, blkDropout, useBias,
                numClasses, rng, rng);
    }

    /**
     * A ViT whose parameters are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks} (a
     * stream per epoch keeps a resumed run exact).
     */
    public Vit(int imgSize, int patchSize, int numHiddens, int mlpNumHiddens, int numHeads, int numBlks,
               float embDropout, float blkDropout, boolean useBias, int numClasses, UniformRandomProvider rng,
               UniformRandomProvider masks) {
        this.imgSize = imgSize;
        patchEmbedding = registerModule("patch_embedding", new PatchEmbedding(imgSize, patchSize, numHiddens, rng));
        int numSteps = patchEmbedding.numPatches() + 1;
        try (Scope persistent = Scope.none()) {
            clsToken = registerParameter("cls_token", Tensor.zeros(Backends.getDefault(), 1, 1, numHiddens));
            posEmbedding = registerParameter("pos_embedding", Tensor.zeros(Backends.getDefault(), 1, numSteps, numHiddens));
        }
        Init.normal(0f, 1f).fill(posEmbedding, rng);
        dropout = registerModule("dropout", new Dropout(embDropout, masks));
        blks = registerModule("blks", new Sequential());
        for (int i = 0; i < numBlks; i++) {
            blks.add(new VitBlock(numHiddens, numHiddens, mlpNumHiddens, numHeads, blkDropout, useBias, rng, masks));
        }
        head = registerModule("head", new Sequential(new LayerNorm(numHiddens), new Linear(numHiddens, numClasses, rng)));
    }

    @Override
    public Tensor forward(Tensor images) {
        if (images.rank() != 4 || images.shape(2) != imgSize || images.shape(3) != imgSize) {
            throw new IllegalArgumentException("this ViT takes images [batch, channels, " + imgSize + ", " + imgSize
                    + "], got " + Arrays.toString(images.shape()));
        }
        Tensor patches = patchEmbedding.forward(images);
        int[] s = patches.shape();
        Tensor cls = clsToken.broadcastTo(s[0], 1, s[2]);
        Tensor x = dropout.forward(Tensor.concat(1, cls, patches).add(posEmbedding));
        x = blks.forward(x);
        return head.forward(x.select(1, 0));
    }
}
