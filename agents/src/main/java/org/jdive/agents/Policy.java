package org.jdive.agents;

import org.apache.commons.rng.UniformRandomProvider;

/** Chooses a discrete action for an observation; as a {@link Controller}, the action is a one-element vector. */
@FunctionalInterface
public interface Policy extends Controller {

    /** The action to take, given an observation laid out as the env's observation space. */
    int act(float[] observation);

    @Override
    default float[] action(float[] observation) {
        return new float[] {act(observation)};
    }

    /**
     * {@code greedy} ε-greedily: with probability {@code epsilon} a uniformly random one of {@code numActions}
     * actions, else {@code greedy}'s, the draws from {@code rng} (Mnih et al. 2015 evaluate with ε 0.05). With
     * {@code epsilon} 0 this is {@code greedy} itself, and draws nothing.
     */
    static Policy epsilonGreedy(Policy greedy, int numActions, double epsilon, UniformRandomProvider rng) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
        }
        if (epsilon == 0) {
            return greedy;
        }
        return observation -> rng.nextDouble() < epsilon ? rng.nextInt(numActions) : greedy.act(observation);
    }

    /** The fixed action table of a tabular policy: state {@code (int) observation[0]} → {@code actions[state]}. */
    static Policy tabular(int[] actions) {
        int[] table = actions.clone();
        return observation -> table[(int) observation[0]];
    }
}
