package org.jdive.core.nn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * Zeroes each element with probability {@code p} in training mode and scales the rest by {@code 1/(1-p)}, as
 * PyTorch's {@code nn.Dropout}; the identity in evaluation mode. Masks come from the seeded {@code rng}, so
 * a run is reproducible.
 */
public final class Dropout extends Module {

    private final float p;
    private final UniformRandomProvider rng;

    /** Drops with probability {@code p} in [0, 1], the masks drawn from {@code rng}. */
    public Dropout(float p, UniformRandomProvider rng) {
        checkProbability(p);
        this.p = p;
        this.rng = rng;
    }

    static void checkProbability(float p) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return isTraining() ? Functional.dropout(x, p, rng) : x;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
