package org.jdive.agents.kinds;

import org.jdive.envs.Env;
import org.jdive.envs.Reset;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.wrappers.Wrapper;

/**
 * Seeds every episode of the env from the scenario's seed and the episode's number, ignoring the seeds its
 * user passes. The env's random state at an episode boundary is then a function of the episode count alone,
 * so a run restored from a checkpoint at any episode boundary replays exactly what the uninterrupted run
 * would have done, without reaching into the env's generator.
 */
final class EpisodeSeeding extends Wrapper {

    private final long seed;
    private long episode;

    EpisodeSeeding(Env env, long seed) {
        super(env);
        this.seed = seed;
    }

    /** Episodes started so far (the number of the next one). */
    long episodes() {
        return episode;
    }

    /** Continues numbering at {@code episodes} (after a checkpoint). */
    void restore(long episodes) {
        this.episode = episodes;
    }

    @Override
    public Reset reset(long ignored) {
        return super.reset(nextSeed());
    }

    @Override
    public Reset reset() {
        return super.reset(nextSeed());
    }

    @Override
    public void resetInto(float[] obs, int offset) {
        float[] first = super.reset(nextSeed()).observation();
        System.arraycopy(first, 0, obs, offset, first.length);
    }

    private long nextSeed() {
        return mix(seed ^ mix(++episode));
    }

    /** SplitMix64's finaliser: neighbouring episode numbers give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeLong(episode);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        episode = in.readLong();
    }
}
