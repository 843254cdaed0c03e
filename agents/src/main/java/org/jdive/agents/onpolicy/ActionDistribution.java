package org.jdive.agents.onpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;

/**
 * The distribution over actions that the actor's output parameterises ({@link Categorical} for discrete actions,
 * {@link DiagonalGaussian} for continuous ones): how an action is sampled and scored, and which one a deterministic
 * policy takes. Actions are float vectors of {@link #actionSize()} values (a discrete action is its number).
 */
interface ActionDistribution {

    /** Values per action: 1 for a discrete action, the {@code Box}'s size for a continuous one. */
    int actionSize();

    /**
     * Draws one action per row of the actor's output {@code out} (rows × outputs) into {@code actions}
     * (rows × {@link #actionSize()}), writing each action's log-probability into {@code logProbs}.
     */
    void sample(float[] out, int rows, UniformRandomProvider rng, float[] actions, float[] logProbs);

    /** Actions scored under the actor's output: each one's log-probability and its row's entropy, both [n]. */
    record Scored(Tensor logProb, Tensor entropy) {
    }

    /** Scores {@code actions} (n × {@link #actionSize()}) under the actor's output (n × outputs), differentiably. */
    Scored score(Tensor out, Tensor actions);

    /** The action a deterministic policy takes for one observation's output: the most likely one, or the mean. */
    float[] mode(float[] out);
}
