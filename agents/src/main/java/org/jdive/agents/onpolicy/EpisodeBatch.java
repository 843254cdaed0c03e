package org.jdive.agents.onpolicy;

import java.util.Arrays;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * REINFORCE's experience: each env's episode is kept until it ends, then its steps join the batch with their
 * discounted returns-to-go {@code G_t = Σ_k γ^k r_{t+k}}; the batch is full once it holds {@code batchSteps}
 * steps of finished episodes (it may hold more: episodes are never split).
 */
final class EpisodeBatch implements Experience {

    private final int numEnvs;
    private final int observationSize;
    private final int actionSize;
    private final int batchSteps;
    private final double gamma;
    private final Steps[] running;
    private final Steps finished;
    /** The finished steps' returns-to-go. */
    private float[] returns = new float[0];

    EpisodeBatch(int numEnvs, int observationSize, int actionSize, int batchSteps, double gamma) {
        this.numEnvs = numEnvs;
        this.observationSize = observationSize;
        this.actionSize = actionSize;
        this.batchSteps = batchSteps;
        this.gamma = gamma;
        this.running = new Steps[numEnvs];
        for (int e = 0; e < numEnvs; e++) {
            running[e] = new Steps(observationSize, actionSize);
        }
        this.finished = new Steps(observationSize, actionSize);
    }

    @Override
    public void add(float[] obs, boolean[] began, float[] actions, float[] logProbs, float[] values, float[] rewards,
                    boolean[] ended) {
        for (int e = 0; e < numEnvs; e++) {
            running[e].add(obs, e * observationSize, actions, e * actionSize, rewards[e]);
            if (ended[e]) {
                finish(running[e]);
            }
        }
    }

    private void finish(Steps episode) {
        int from = finished.size;
        returns = Arrays.copyOf(returns, from + episode.size);
        double g = 0;
        for (int t = episode.size - 1; t >= 0; t--) {
            g = episode.rewards[t] + gamma * g;
            returns[from + t] = (float) g;
        }
        finished.append(episode);
        episode.size = 0;
    }

    @Override
    public boolean full() {
        return finished.size >= batchSteps;
    }

    @Override
    public void clear() {
        finished.size = 0;
        returns = new float[0];
    }

    /** Steps of finished episodes in the batch. */
    int size() {
        return finished.size;
    }

    /** Their observations, {@code size() × observationSize}. */
    float[] observations() {
        return Arrays.copyOf(finished.obs, finished.size * observationSize);
    }

    /** Their actions, {@code size() × actionSize}. */
    float[] actions() {
        return Arrays.copyOf(finished.actions, finished.size * actionSize);
    }

    /** Their discounted returns-to-go. */
    float[] returns() {
        return returns.clone();
    }

    @Override
    public void save(StateWriter out) {
        finished.save(out);
        out.writeFloats(returns);
        for (Steps episode : running) {
            episode.save(out);
        }
    }

    @Override
    public void restore(StateReader in) {
        finished.restore(in);
        returns = in.readFloats();
        if (returns.length != finished.size) {
            throw new IllegalArgumentException("the batch holds " + finished.size + " steps but " + returns.length
                    + " returns");
        }
        for (Steps episode : running) {
            episode.restore(in);
        }
    }

    /** A growing run of steps: observations, actions and rewards. */
    private static final class Steps {
        private final int observationSize;
        private final int actionSize;
        float[] obs = new float[0];
        float[] actions = new float[0];
        float[] rewards = new float[0];
        int size;

        Steps(int observationSize, int actionSize) {
            this.observationSize = observationSize;
            this.actionSize = actionSize;
        }

        void add(float[] fromObs, int obsOffset, float[] fromActions, int actionOffset, float reward) {
            ensure(size + 1);
            System.arraycopy(fromObs, obsOffset, obs, size * observationSize, observationSize);
            System.arraycopy(fromActions, actionOffset, actions, size * actionSize, actionSize);
            rewards[size] = reward;
            size++;
        }

        void append(Steps other) {
            ensure(size + other.size);
            System.arraycopy(other.obs, 0, obs, size * observationSize, other.size * observationSize);
            System.arraycopy(other.actions, 0, actions, size * actionSize, other.size * actionSize);
            System.arraycopy(other.rewards, 0, rewards, size, other.size);
            size += other.size;
        }

        private void ensure(int capacity) {
            if (capacity > rewards.length) {
                int grown = Math.max(capacity, 2 * rewards.length);
                obs = Arrays.copyOf(obs, grown * observationSize);
                actions = Arrays.copyOf(actions, grown * actionSize);
                rewards = Arrays.copyOf(rewards, grown);
            }
        }

        void save(StateWriter out) {
            out.writeFloats(Arrays.copyOf(obs, size * observationSize))
                    .writeFloats(Arrays.copyOf(actions, size * actionSize)).writeFloats(Arrays.copyOf(rewards, size));
        }

        void restore(StateReader in) {
            obs = in.readFloats();
            actions = in.readFloats();
            rewards = in.readFloats();
            size = rewards.length;
            if (obs.length != size * observationSize || actions.length != size * actionSize) {
                throw new IllegalArgumentException("an episode of " + size + " rewards with " + obs.length
                        + " observation values and " + actions.length + " action values (observations of "
                        + observationSize + ", actions of " + actionSize + ")");
            }
        }
    }
}
