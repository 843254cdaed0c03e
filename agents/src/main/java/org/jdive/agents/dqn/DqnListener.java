package org.jdive.agents.dqn;

/** Told what a {@link Dqn} does while it trains: for logs, learning curves and live windows. */
public interface DqnListener {

    /** An episode of sub-env {@code env} ended at environment step {@code step}. */
    default void onEpisode(long step, int env, double episodeReturn, int length) {
    }

    /** A gradient step was taken at environment step {@code step}. */
    default void onUpdate(long step, float loss, double epsilon) {
    }
}
