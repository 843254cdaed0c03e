package org.jdive.agents;

/** Chooses an action for an observation; what evaluation runs and what a window plays. */
@FunctionalInterface
public interface Policy {

    /** The action to take, given an observation laid out as the env's observation space. */
    int act(float[] observation);

    /** The fixed action table of a tabular policy: state {@code (int) observation[0]} → {@code actions[state]}. */
    static Policy tabular(int[] actions) {
        int[] table = actions.clone();
        return observation -> table[(int) observation[0]];
    }
}
