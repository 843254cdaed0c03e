package org.jdive.envs;

import org.apache.commons.rng.UniformRandomProvider;

/** The set of valid observations or actions, as Gymnasium's {@code gymnasium.spaces}. */
public interface Space {

    /** The shape of one element (empty for a scalar such as a discrete action). */
    int[] shape();

    /** The number of floats in one element: the product of {@link #shape()}. */
    default int size() {
        int n = 1;
        for (int d : shape()) {
            n *= d;
        }
        return n;
    }

    /** Whether {@code x} (laid out as {@link #shape()}, row-major) is an element of this space. */
    boolean contains(float[] x);

    /** A uniformly drawn element, from the given seeded stream. */
    float[] sample(UniformRandomProvider rng);
}
