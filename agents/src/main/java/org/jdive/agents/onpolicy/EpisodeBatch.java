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
    private final int batchSteps;
    private final double gamma;
    private final Steps[] running;
    private final Steps finished;
    /** The finished steps' returns-to-go. */
    private float[] returns = new float[0];

    EpisodeBatch(int numEnvs, int observationSize, int batchSteps, double gamma) {
        this.numEnvs = numEnvs;
        this.observationSize = observationSize;
        this.batchSteps = batchSteps;
        this.gamma = gamma;
        this.running = new Steps[numEnvs];
        for (int e = 0; e < numEnvs; e++) {
            running[e] = new Steps(observationSize);
        }
        this.finished = new Steps(observationSize);
    }

    @Override
    public void add(float[] obs, boolean[] began, int[] actions, float[] logProbs, float[] values, float[] rewards,
                    boolean[] ended) {
        for (int e = 0; e < numEnvs; e++) {
            running[e].add(obs, e * observationSize, actions[e], rewards[e]);
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

    /** Their actions, as floats for a gather. */
    float[] actions() {
        float[] a = new float[finished.size];
        for (int i = 0; i < a.length; i++) {
            a[i] = finished.actions[i];
        }
        return a;
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
        float[] obs = new float[0];
        int[] actions = new int[0];
        float[] rewards = new float[0];
        int size;

        Steps(int observationSize) {
            this.observationSize = observationSize;
        }

        void add(float[] from, int offset, int action, float reward) {
            ensure(size + 1);
            System.arraycopy(from, offset, obs, size * observationSize, observationSize);
            actions[size] = action;
            rewards[size] = reward;
            size++;
        }

        void append(Steps other) {
            ensure(size + other.size);
            System.arraycopy(other.obs, 0, obs, size * observationSize, other.size * observationSize);
            System.arraycopy(other.actions, 0, actions, size, other.size);
            System.arraycopy(other.rewards, 0, rewards, size, other.size);
            size += other.size;
        }

        private void ensure(int capacity) {
            if (capacity > actions.length) {
                int grown = Math.max(capacity, 2 * actions.length);
                obs = Arrays.copyOf(obs, grown * observationSize);
                actions = Arrays.copyOf(actions, grown);
                rewards = Arrays.copyOf(rewards, grown);
            }
        }

        void save(StateWriter out) {
            out.writeFloats(Arrays.copyOf(obs, size * observationSize)).writeInts(Arrays.copyOf(actions, size))
                    .writeFloats(Arrays.copyOf(rewards, size));
        }

        void restore(StateReader in) {
            obs = in.readFloats();
            actions = in.readInts();
            rewards = in.readFloats();
            size = actions.length;
            if (obs.length != size * observationSize || rewards.length != size) {
                throw new IllegalArgumentException("an episode of " + size + " actions with " + obs.length
                        + " observation values and " + rewards.length + " rewards (observations of "
                        + observationSize + ")");
            }
        }
    }
}
