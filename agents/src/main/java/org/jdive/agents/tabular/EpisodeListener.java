package org.jdive.agents.tabular;

/** Told after every training episode of a {@link TdControl} learner, e.g. to draw its tables live. */
@FunctionalInterface
public interface EpisodeListener {

    /**
     * @param episodeReturn the undiscounted return of the episode just played
     * @param length        its number of steps
     * @param epsilon       the exploration rate it was played with
     * @param tables        the Q table after it, with its greedy values and policy
     */
    void onEpisode(double episodeReturn, int length, double epsilon, TabularSnapshot tables);
}
