package org.jdive.agents.onpolicy;

import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * The experience of one rollout, {@code numSteps} rows of {@code numEnvs} transitions laid out step-major as
 * CleanRL's buffers ({@code obs}, {@code actions}, {@code logprobs}, {@code rewards}, {@code dones},
 * {@code values}).
 */
final class Rollout implements Experience {

    final int numSteps;
    final int numEnvs;
    final int observationSize;
    final int actionSize;
    final float[] obs;
    /** The actions, {@code actionSize} values each (a discrete action is its number). */
    final float[] actions;
    final float[] logProbs;
    final float[] rewards;
    /** Whether each row's observation began a new episode. */
    final boolean[] dones;
    final float[] values;
    /** The next row to fill. */
    private int position;

    Rollout(int numSteps, int numEnvs, int observationSize, int actionSize) {
        this.numSteps = numSteps;
        this.numEnvs = numEnvs;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        int rows = numSteps * numEnvs;
        this.obs = new float[rows * observationSize];
        this.actions = new float[rows * actionSize];
        this.logProbs = new float[rows];
        this.rewards = new float[rows];
        this.dones = new boolean[rows];
        this.values = new float[rows];
    }

    /** Transitions per rollout ({@code batch_size}). */
    int size() {
        return numSteps * numEnvs;
    }

    @Override
    public void add(float[] stepObs, boolean[] began, float[] stepActions, float[] stepLogProbs, float[] stepValues,
                    float[] stepRewards, boolean[] ended) {
        int row = position * numEnvs;
        System.arraycopy(stepObs, 0, obs, row * observationSize, stepObs.length);
        System.arraycopy(began, 0, dones, row, numEnvs);
        System.arraycopy(stepActions, 0, actions, row * actionSize, stepActions.length);
        System.arraycopy(stepLogProbs, 0, logProbs, row, numEnvs);
        System.arraycopy(stepValues, 0, values, row, numEnvs);
        System.arraycopy(stepRewards, 0, rewards, row, numEnvs);
        position++;
    }

    @Override
    public boolean full() {
        return position == numSteps;
    }

    @Override
    public void clear() {
        position = 0;
    }

    @Override
    public void save(StateWriter out) {
        out.writeInt(position).writeFloats(obs).writeFloats(actions).writeFloats(logProbs).writeFloats(rewards)
                .writeBooleans(dones).writeFloats(values);
    }

    @Override
    public void restore(StateReader in) {
        position = in.readInt();
        in.readFloats(obs);
        in.readFloats(actions);
        in.readFloats(logProbs);
        in.readFloats(rewards);
        in.readBooleans(dones);
        in.readFloats(values);
        if (position < 0 || position > numSteps) {
            throw new IllegalArgumentException("a rollout position of " + position + " in a rollout of " + numSteps
                    + " steps");
        }
    }
}
