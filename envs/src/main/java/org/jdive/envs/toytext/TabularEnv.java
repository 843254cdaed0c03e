package org.jdive.envs.toytext;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.AbstractEnv;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.TabularModel;
import org.jdive.envs.Transition;
import org.jdive.envs.spaces.Discrete;

/**
 * A finite MDP stepped by sampling its own model, as Gymnasium's toy-text envs. The observation is a
 * one-element {@code float[]} holding the state index; the observation space is {@code Discrete(numStates)}.
 * {@link #info()} holds Gymnasium's {@code prob}, the probability of the transition just taken.
 */
public abstract class TabularEnv extends AbstractEnv implements TabularModel {

    private final int numStates;
    private final int numActions;
    private final TransitionTable table;
    private final double[] initialDistribution;
    private final Discrete observationSpace;
    private final Discrete actionSpace;
    /** The current state. */
    protected int state;
    /** The last action taken, or -1 right after a reset. */
    protected int lastAction = -1;
    private double lastProbability = 1.0;

    /**
     * @param model a name for the MDP that determines its outcomes, e.g. the map and options; envs with the
     *              same name share one transition table
     */
    protected TabularEnv(String model, int numStates, int numActions, TransitionTable.Outcomes outcomes,
                         double[] initialDistribution) {
        super(numActions, 1);
        this.numStates = numStates;
        this.numActions = numActions;
        this.table = TransitionTable.shared(model, numStates, numActions, outcomes);
        this.initialDistribution = initialDistribution.clone();
        this.observationSpace = new Discrete(numStates);
        this.actionSpace = new Discrete(numActions);
    }

    /** A distribution putting all mass on one state. */
    protected static double[] startingIn(int numStates, int state) {
        double[] d = new double[numStates];
        d[state] = 1.0;
        return d;
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        double u = rng.nextDouble();
        double sum = 0;
        state = 0;
        for (int s = 0; s < numStates; s++) {
            sum += initialDistribution[s];
            if (sum > u) {
                state = s;
                break;
            }
        }
        lastAction = -1;
        lastProbability = 1.0;
    }

    @Override
    protected void advance(int action, UniformRandomProvider rng) {
        int j = table.sample(state, action, rng.nextDouble());
        int previous = state;
        lastProbability = table.probability(j);
        lastAction = action;
        state = afterTransition(previous, table.nextState(j), rng);
        setOutcome(table.reward(j), table.terminated(j));
    }

    /**
     * Lets an env change the sampled next state with rules outside {@code P} (Taxi's fickle passenger);
     * returns {@code next} unchanged by default.
     */
    protected int afterTransition(int previous, int next, UniformRandomProvider rng) {
        return next;
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = state;
    }

    /** The current state index. */
    public int state() {
        return state;
    }

    @Override
    public Map<String, Object> info() {
        return Map.of("prob", lastProbability);
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public int numStates() {
        return numStates;
    }

    @Override
    public int numActions() {
        return numActions;
    }

    @Override
    public List<Transition> transitions(int state, int action) {
        return table.get(state, action);
    }

    @Override
    public double[] initialStateDistribution() {
        return initialDistribution.clone();
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeInt(state);
        out.writeInt(lastAction);
        out.writeDouble(lastProbability);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        state = in.readInt();
        lastAction = in.readInt();
        lastProbability = in.readDouble();
    }
}
