package org.jdive.core;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Seeded random streams (Apache Commons RNG). One scenario seed is split into independent streams per
 * consumer ({@code "init"}, {@code "env"}, {@code "replay"}, ...), so that adding a consumer never shifts
 * the numbers another one draws.
 *
 * <p>This is the {@code Rng} to use in your own code: for weight initialisation, data shuffling, exploration,
 * replay sampling, anything outside an env, {@code Rng.split(seed, "purpose")}. Its namesake
 * {@code org.jdive.envs.Rng} (in {@code jdive-envs}, which does not depend on this module)
 * holds the streams envs draw from: an env is seeded through {@code reset(seed)}, and you need that class only
 * when writing an env or wrapper of your own. For equal seeds the two classes' {@code seeded} give different
 * streams.
 */
public final class Rng {

    private Rng() {
    }

    /** A fast, high-quality generator (xoroshiro128++) seeded with {@code seed}. */
    public static UniformRandomProvider seeded(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {mix(seed), mix(seed + 0x9E3779B97F4A7C15L)});
    }

    /** The stream named {@code name} derived from {@code seed}. */
    public static UniformRandomProvider split(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        return seeded(mix(seed) ^ h);
    }

    /** Standard normal samples from {@code rng}. */
    public static ZigguratSampler.NormalizedGaussian gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** SplitMix64's finaliser: spreads nearby seeds over the whole state space. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
