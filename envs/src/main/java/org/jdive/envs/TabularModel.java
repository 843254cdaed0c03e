package org.jdive.envs;

import java.util.List;

/**
 * The full model of a finite MDP, as Gymnasium's toy-text {@code P}: for every state and action the list of
 * possible transitions with their probabilities (which sum to 1). Planning agents (value and policy
 * iteration) read it; reach it through {@code env.unwrapped() instanceof TabularModel m}.
 */
public interface TabularModel {

    /** The number of states; states are {@code 0 .. numStates() - 1}, the observation of a tabular env. */
    int numStates();

    /** The number of actions, {@code 0 .. numActions() - 1}, the same in every state. */
    int numActions();

    /** Gymnasium's {@code P[state][action]}: the possible outcomes of {@code action} in {@code state}. */
    List<Transition> transitions(int state, int action);

    /** The probability of starting an episode in each state. */
    double[] initialStateDistribution();
}
