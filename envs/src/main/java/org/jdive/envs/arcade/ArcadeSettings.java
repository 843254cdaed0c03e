package org.jdive.envs.arcade;

/**
 * How an arcade game is set up, as MinAtar's {@code Environment} arguments.
 *
 * @param minimalActionSet  the agent chooses among the game's minimal actions ({@code -v1} ids) instead of
 *                          all six ({@code -v0} ids)
 * @param difficultyRamping the game speeds up during an episode where its rules say so (MinAtar's default)
 * @param stickyActionProb  the probability that a step repeats the previous action instead of the chosen
 *                          one (MinAtar's default 0.1)
 */
public record ArcadeSettings(boolean minimalActionSet, boolean difficultyRamping, double stickyActionProb) {

    /** MinAtar's defaults: full action set, ramping on, sticky actions with probability 0.1. */
    public static final ArcadeSettings MINATAR = new ArcadeSettings(false, true, 0.1);

    /**
     * Checks the sticky-action probability.
     *
     * @throws IllegalArgumentException if {@code stickyActionProb} is outside [0, 1]
     */
    public ArcadeSettings {
        if (!(stickyActionProb >= 0.0 && stickyActionProb <= 1.0)) {
            throw new IllegalArgumentException(
                    "sticky_action_prob must be in [0, 1], got " + stickyActionProb);
        }
    }

    /** These settings with the minimal action set switched on or off. */
    public ArcadeSettings withMinimalActionSet(boolean minimal) {
        return new ArcadeSettings(minimal, difficultyRamping, stickyActionProb);
    }

    /** These settings with difficulty ramping switched on or off. */
    public ArcadeSettings withDifficultyRamping(boolean on) {
        return new ArcadeSettings(minimalActionSet, on, stickyActionProb);
    }

    /** These settings with another sticky-action probability. */
    public ArcadeSettings withStickyActionProb(double p) {
        return new ArcadeSettings(minimalActionSet, difficultyRamping, p);
    }
}
