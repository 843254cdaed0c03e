package org.jdive.envs.toytext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdive.envs.Transition;

/**
 * Gymnasium's {@code P} for all states and actions, kept twice: as lists of {@link Transition} for planning
 * agents, and flattened into parallel arrays so that sampling a step allocates nothing.
 */
final class TransitionTable {

    /** Gives {@code P[state][action]}. */
    @FunctionalInterface
    interface Outcomes {
        List<Transition> of(int state, int action);
    }

    /**
     * Tables are immutable, so copies of an env share one: a vector env of thousands of FrozenLakes then
     * steps through one table that stays in cache instead of thousands that do not.
     */
    private static final Map<String, TransitionTable> SHARED = new ConcurrentHashMap<>();

    private final int numActions;
    private final List<List<Transition>> lists;
    private final int[] first;
    private final double[] cumulative;
    private final double[] probability;
    private final int[] nextState;
    private final float[] reward;
    private final boolean[] terminated;

    /** The table of the MDP named {@code key} (which must say everything the outcomes depend on), built once. */
    static TransitionTable shared(String key, int numStates, int numActions, Outcomes outcomes) {
        return SHARED.computeIfAbsent(key, k -> new TransitionTable(numStates, numActions, outcomes));
    }

    private TransitionTable(int numStates, int numActions, Outcomes outcomes) {
        this.numActions = numActions;
        this.lists = new ArrayList<>(numStates * numActions);
        this.first = new int[numStates * numActions + 1];
        int total = 0;
        for (int s = 0; s < numStates; s++) {
            for (int a = 0; a < numActions; a++) {
                List<Transition> list = List.copyOf(outcomes.of(s, a));
                lists.add(list);
                total += list.size();
                first[s * numActions + a + 1] = total;
            }
        }
        cumulative = new double[total];
        probability = new double[total];
        nextState = new int[total];
        reward = new float[total];
        terminated = new boolean[total];
        int j = 0;
        for (List<Transition> list : lists) {
            double sum = 0;
            for (Transition t : list) {
                sum += t.probability();
                cumulative[j] = sum;
                probability[j] = t.probability();
                nextState[j] = t.nextState();
                reward[j] = (float) t.reward();
                terminated[j] = t.terminated();
                j++;
            }
        }
    }

    List<Transition> get(int state, int action) {
        return lists.get(state * numActions + action);
    }

    /**
     * The index of the outcome drawn by {@code u ~ U[0, 1)}, as Gymnasium's {@code categorical_sample}:
     * the first outcome whose cumulative probability exceeds {@code u}.
     */
    int sample(int state, int action, double u) {
        int k = state * numActions + action;
        for (int j = first[k]; j < first[k + 1]; j++) {
            if (cumulative[j] > u) {
                return j;
            }
        }
        return first[k];
    }

    double probability(int j) {
        return probability[j];
    }

    int nextState(int j) {
        return nextState[j];
    }

    float reward(int j) {
        return reward[j];
    }

    boolean terminated(int j) {
        return terminated[j];
    }
}
