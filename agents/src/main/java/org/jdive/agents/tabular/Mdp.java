package org.jdive.agents.tabular;

import java.util.List;
import org.jdive.envs.Env;
import org.jdive.envs.TabularModel;
import org.jdive.envs.Transition;

/**
 * A finite MDP's model flattened into arrays for fast planning: the outcomes of {@code (s, a)} are the
 * entries {@code first[s·A + a] .. first[s·A + a + 1] - 1} of {@code nextState}, {@code probability},
 * {@code reward} and {@code terminated} (a compressed sparse row layout of Gymnasium's {@code P}).
 *
 * <p>A transition that terminates pays its reward and contributes no value of the next state.
 */
public final class Mdp {

    private static final double PROBABILITY_TOLERANCE = 1e-6;

    private final int numStates;
    private final int numActions;
    private final int[] first;
    private final int[] nextState;
    private final double[] probability;
    private final double[] reward;
    private final boolean[] terminated;

    private Mdp(int numStates, int numActions, int[] first, int[] nextState, double[] probability, double[] reward,
                boolean[] terminated) {
        this.numStates = numStates;
        this.numActions = numActions;
        this.first = first;
        this.nextState = nextState;
        this.probability = probability;
        this.reward = reward;
        this.terminated = terminated;
    }

    /** The model of an env, which must expose one ({@code env.unwrapped()} is a {@link TabularModel}). */
    public static Mdp of(Env env) {
        if (env.unwrapped() instanceof TabularModel model) {
            return of(model);
        }
        throw new IllegalArgumentException("planning needs an env that exposes its model (a TabularModel, as "
                + "FrozenLake, CliffWalking and Taxi do); " + env.unwrapped().getClass().getSimpleName() + " does not");
    }

    /** Copies a model, checking that every {@code P[s][a]} is a probability distribution over valid states. */
    public static Mdp of(TabularModel model) {
        int states = model.numStates();
        int actions = model.numActions();
        int[] first = new int[states * actions + 1];
        int total = 0;
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                total += model.transitions(s, a).size();
                first[s * actions + a + 1] = total;
            }
        }
        int[] next = new int[total];
        double[] prob = new double[total];
        double[] rew = new double[total];
        boolean[] done = new boolean[total];
        int j = 0;
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                List<Transition> outcomes = model.transitions(s, a);
                double sum = 0;
                for (Transition t : outcomes) {
                    if (t.nextState() < 0 || t.nextState() >= states || !(t.probability() >= 0)) {
                        throw new IllegalArgumentException("P[" + s + "][" + a + "] has an invalid outcome " + t
                                + ": next states must lie in 0.." + (states - 1) + " and probabilities be >= 0");
                    }
                    sum += t.probability();
                    next[j] = t.nextState();
                    prob[j] = t.probability();
                    rew[j] = t.reward();
                    done[j] = t.terminated();
                    j++;
                }
                if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
                    throw new IllegalArgumentException("the probabilities of P[" + s + "][" + a + "] sum to " + sum
                            + ", not 1");
                }
            }
        }
        return new Mdp(states, actions, first, next, prob, rew, done);
    }

    /** The number of states. */
    public int numStates() {
        return numStates;
    }

    /** The number of actions, the same in every state. */
    public int numActions() {
        return numActions;
    }

    /** The most outcomes any {@code (s, a)} has. */
    public int maxOutcomes() {
        int most = 0;
        for (int k = 0; k + 1 < first.length; k++) {
            most = Math.max(most, first[k + 1] - first[k]);
        }
        return most;
    }

    /** The index of {@code (s, a)}'s first outcome; its outcomes end at {@code firstOutcome(s, a + 1)}'s. */
    int firstOutcome(int s, int a) {
        return first[s * numActions + a];
    }

    int endOutcome(int s, int a) {
        return first[s * numActions + a + 1];
    }

    int nextState(int j) {
        return nextState[j];
    }

    double probability(int j) {
        return probability[j];
    }

    double reward(int j) {
        return reward[j];
    }

    boolean terminated(int j) {
        return terminated[j];
    }

    /** The one-step lookahead {@code Σ p · (r + γ · V(s'))}, with no {@code V(s')} after a termination. */
    public double backup(double[] values, double gamma, int s, int a) {
        double q = 0;
        for (int j = firstOutcome(s, a), end = endOutcome(s, a); j < end; j++) {
            double future = terminated[j] ? 0 : gamma * values[nextState[j]];
            q += probability[j] * (reward[j] + future);
        }
        return q;
    }

    /** Fills {@code q[s][a]} with {@link #backup} for every state and action. */
    public void backupAll(double[] values, double gamma, double[][] q) {
        for (int s = 0; s < numStates; s++) {
            for (int a = 0; a < numActions; a++) {
                q[s][a] = backup(values, gamma, s, a);
            }
        }
    }
}
