package org.jdive.envs;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** The seeded random streams of the envs module: one generator family, so equal seeds give equal streams. */
public final class Rng {

    private Rng() {
    }

    /** A fresh stream for {@code seed}. */
    public static UniformRandomProvider seeded(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * A stream for {@code seed} that is independent of {@link #seeded(long) seeded(seed)}: wrappers that
     * draw their own random numbers (sticky actions) use it so that they do not perturb the env's stream.
     */
    public static UniformRandomProvider seeded(long seed, long salt) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, salt});
    }

    /** {@code U(low, high)} as numpy's {@code uniform}: {@code low + (high - low) * u} with {@code u} in [0, 1). */
    public static double uniform(UniformRandomProvider rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }
}
