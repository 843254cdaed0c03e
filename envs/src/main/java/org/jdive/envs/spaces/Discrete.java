package org.jdive.envs.spaces;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Space;

/**
 * The integers {@code 0 .. n-1}, as Gymnasium's {@code Discrete(n)}. As an observation space the element is
 * carried as a one-element {@code float[]} holding the integer (e.g. FrozenLake's state index).
 */
public record Discrete(int n) implements Space {

    /**
     * Checks the size.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Discrete {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete needs n >= 1, got " + n);
        }
    }

    @Override
    public int[] shape() {
        return new int[0];
    }

    /** Whether {@code 0 <= a < n}. */
    public boolean contains(int a) {
        return a >= 0 && a < n;
    }

    @Override
    public boolean contains(float[] x) {
        return x.length == 1 && x[0] == (int) x[0] && contains((int) x[0]);
    }

    /** A uniformly drawn integer in {@code 0 .. n-1}. */
    public int sampleAction(UniformRandomProvider rng) {
        return rng.nextInt(n);
    }

    @Override
    public float[] sample(UniformRandomProvider rng) {
        return new float[] {sampleAction(rng)};
    }
}
