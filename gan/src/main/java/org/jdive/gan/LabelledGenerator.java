package org.jdive.gan;

import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * A conditional generator as its discriminator sees it: reads noise with a one-hot class appended,
 * {@code [N, L + K, 1, 1]}, and returns the generated images with the class maps appended,
 * {@code [N, C + K, H, W]} (see {@link ClassConditioning}), so that {@link Gan}'s update rules apply unchanged.
 */
public final class LabelledGenerator extends Module {

    private final Module generator;
    private final int latentDim;

    /**
     * @param generator maps {@code [N, L + K, 1, 1]} to images {@code [N, C, H, W]}
     * @param latentDim {@code L}, where the one-hot class begins in the input
     */
    public LabelledGenerator(Module generator, int latentDim) {
        this.generator = registerModule("generator", generator);
        this.latentDim = latentDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor oneHot = input.slice(1, latentDim, input.shape(1));
        return ClassConditioning.appendMaps(generator.forward(input), oneHot);
    }
}
