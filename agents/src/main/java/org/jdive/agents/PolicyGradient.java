package org.jdive.agents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.agents.eval.Trainable;

/**
 * An agent that learns a policy over vector envs (REINFORCE, A2C and PPO with a categorical policy for discrete
 * actions or a diagonal Gaussian for continuous ones; SAC and TD3 for continuous actions): what its scenario kind, its
 * checkpoints and the window need of it.
 */
public interface PolicyGradient extends Trainable, AutoCloseable {

    /** Told when an episode ends and after each update. */
    interface Listener {
        /**
         * An episode of sub-env {@code env} ended at environment step {@code step} (counted over all sub-envs).
         *
         * @param episodeReturn its undiscounted return
         * @param length its number of steps
         */
        default void onEpisode(long step, int env, double episodeReturn, int length) {
        }

        /** @param stats the update's numbers, named as {@link #statNames()} names them */
        default void onUpdate(long step, Map<String, Double> stats) {
        }
    }

    /** Sets who hears about episodes and updates; returns this. */
    PolicyGradient listener(Listener listener);

    /** The names of the numbers each update reports, in order (policy_loss, value_loss, entropy, ...). */
    List<String> statNames();

    /** Updates (gradient steps on a batch of experience) so far. */
    long updates();

    /**
     * The policy's most likely action, or for continuous actions its mean (what an evaluation plays), for
     * observations of the bare env: a {@link Policy} for discrete actions.
     */
    Controller greedyPolicy();

    @Override
    default Controller evaluationPolicy() {
        return greedyPolicy();
    }

    /** Whether the actions are continuous (a Gaussian policy), else discrete (a categorical one). */
    boolean continuous();

    /** The policy's probability of each action of one observation; for discrete actions only. */
    float[] actionProbabilities(float[] observation);

    /** The policy's mean (or deterministic) action of one observation, in the env's units; continuous only. */
    float[] actionMean(float[] observation);

    /** The spread of the policy's action around {@link #actionMean} for one observation; continuous only. */
    float[] actionStd(float[] observation);

    /** Whether the agent learns a state-value function ({@link #value}). */
    boolean hasCritic();

    /** The critic's value of one observation; only where {@link #hasCritic()}. */
    float value(float[] observation);

    /** The first parameter that is NaN or infinite, by name. */
    Optional<String> firstNonFiniteParameter();

    /**
     * Writes everything the agent's future depends on into the folder {@code dir}: networks, optimizer, counters,
     * random streams, the experience gathered so far and the envs mid-episode.
     */
    void save(Path dir) throws IOException;

    /** Restores what {@link #save} wrote, refusing (naming why) a checkpoint of another run or setting. */
    void load(Path dir) throws IOException;

    @Override
    void close();
}
