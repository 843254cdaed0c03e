package org.jdive.envs;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The seeded random streams envs draw from (xoroshiro128++, Apache Commons RNG): {@link AbstractEnv} makes its
 * stream with {@link #seeded(long) seeded(seed)} on {@code reset(seed)}, so equal seeds give equal episodes.
 * Use it when writing an env or wrapper of your own (as {@code AbstractEnv} and
 * {@link org.jdive.envs.wrappers.StickyActions} do) or to reproduce an env's draws.
 *
 * <p>For everything outside envs (network initialisation, shuffling, exploration, replay), use
 * {@code org.jdive.core.Rng} from {@code jdive-core}, whose {@code split(seed, name)} derives one independent
 * stream per purpose from one seed. The envs module has its own class because it does not depend on the core;
 * for equal seeds the two classes' {@code seeded} give different streams.
 */
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
