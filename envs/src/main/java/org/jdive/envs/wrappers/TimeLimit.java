package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * Cuts episodes after {@code maxEpisodeSteps} steps by setting {@code truncated}, never {@code terminated},
 * as Gymnasium's {@code TimeLimit}. The registry applies it from each id's max-episode-steps.
 */
public final class TimeLimit extends Wrapper {

    private final int maxEpisodeSteps;
    private int elapsedSteps;
    private boolean truncated;

    /** Truncates {@code env}'s episodes after {@code maxEpisodeSteps >= 1} steps. */
    public TimeLimit(Env env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("TimeLimit needs maxEpisodeSteps >= 1, got " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /** The steps after which an episode is truncated. */
    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** Steps taken in the current episode. */
    public int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        elapsedSteps = 0;
        truncated = false;
    }

    @Override
    protected void afterStep(float[] obs, int offset) {
        elapsedSteps++;
        truncated = env.lastTruncated() || elapsedSteps >= maxEpisodeSteps;
    }

    @Override
    public boolean lastTruncated() {
        return truncated;
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeInt(elapsedSteps);
        out.writeBoolean(truncated);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        elapsedSteps = in.readInt();
        truncated = in.readBoolean();
    }
}
