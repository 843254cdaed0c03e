package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * A maxout layer (Goodfellow et al. 2013): a linear map to {@code features × pieces} values, then the largest of
 * each unit's {@code pieces}, over the last axis. Unit {@code i} takes the maximum of the linear outputs
 * {@code i·pieces … i·pieces + pieces − 1}, as the maxout layers of Theano's Blocks that ALI's and PacGAN's
 * discriminators use.
 */
public final class Maxout extends Module {

    private final int features;
    private final int pieces;
    private final Linear linear;

    /**
     * A maxout layer whose input size is taken from its first input.
     *
     * @param features the output size
     * @param pieces   linear pieces per output unit, at least 1 (1: a plain linear layer)
     * @param rng      draws the linear map's parameters as {@link Linear} does
     */
    public Maxout(int features, int pieces, UniformRandomProvider rng) {
        if (features <= 0 || pieces <= 0) {
            throw new IllegalArgumentException("Maxout needs features > 0 and pieces > 0, got " + features + " and "
                    + pieces);
        }
        this.features = features;
        this.pieces = pieces;
        linear = registerModule("linear", Linear.lazy(features * pieces, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor z = linear.forward(x);
        int[] s = z.shape();
        int[] split = new int[s.length + 1];
        System.arraycopy(s, 0, split, 0, s.length - 1);
        split[s.length - 1] = features;
        split[s.length] = pieces;
        return z.reshape(split).max(s.length, false);
    }

    @Override
    protected String extraRepr() {
        return "features=" + features + ", pieces=" + pieces;
    }
}
