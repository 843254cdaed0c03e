package org.jdive.agents.onpolicy;

import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * Where an {@link OnPolicyAgent} keeps the steps it takes until it learns from them: a fixed-length {@link Rollout}
 * (A2C, PPO) or whole episodes ({@link EpisodeBatch}, REINFORCE).
 */
interface Experience {

    /**
     * One step of every env.
     *
     * @param obs      the observations acted on, {@code numEnvs × observationSize}
     * @param began    whether each observation began a new episode
     * @param actions  the actions taken, {@code numEnvs × actionSize} (a discrete action as its number)
     * @param logProbs their log-probabilities under the policy that took them
     * @param values   the critic's values of {@code obs}; {@code null} where the agent does not need them per step
     * @param rewards  the rewards the step earned
     * @param ended    whether the step ended each env's episode (terminated or truncated)
     */
    void add(float[] obs, boolean[] began, float[] actions, float[] logProbs, float[] values, float[] rewards,
             boolean[] ended);

    /** Whether there is enough to learn from. */
    boolean full();

    /** Forgets what has been learnt from (an episode still running stays). */
    void clear();

    void save(StateWriter out);

    /** Reads what {@link #save} wrote; {@link IllegalArgumentException} where it does not fit. */
    void restore(StateReader in);
}
