package org.jdive.agents.tabular;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.Policy;
import org.jdive.agents.explore.EpsilonGreedy;
import org.jdive.agents.explore.EpsilonSchedule;
import org.jdive.envs.Env;
import org.jdive.envs.spaces.Discrete;

/**
 * One-step tabular TD control on any env with discrete observations and actions: Q-learning, SARSA or
 * expected SARSA ({@link TdRule}) with an ε-greedy behaviour policy whose ε follows a schedule over
 * episodes. The update is {@code Q(s,a) += α (r + γ · next - Q(s,a))}, where {@code next} is 0 when the
 * step terminated the MDP and is bootstrapped as usual when a time limit truncated it.
 */
public final class TdControl {

    /**
     * @param rule    what the update bootstraps from
     * @param alpha   the step size, in (0, 1]
     * @param gamma   the discount, in [0, 1]
     * @param epsilon ε as a function of the episode number (0-based)
     */
    public record Settings(TdRule rule, double alpha, double gamma, EpsilonSchedule epsilon) {
        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException if a part is missing, {@code alpha} is outside (0, 1] or {@code gamma}
         *                                  outside [0, 1]
         */
        public Settings {
            if (rule == null || epsilon == null) {
                throw new IllegalArgumentException("TD settings need a rule and an epsilon schedule");
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("the step size alpha must lie in (0, 1], got " + alpha);
            }
            Planning.checkGamma(gamma);
        }
    }

    private final Env env;
    private final Settings settings;
    private final UniformRandomProvider rng;
    private final double[][] q;
    private final float[] obs = new float[1];
    private int episodes;
    private boolean seeded;

    /**
     * @param rng the exploration stream (the env keeps its own, seeded by {@link #train})
     */
    public TdControl(Env env, Settings settings, UniformRandomProvider rng) {
        if (!(env.observationSpace() instanceof Discrete states) || !(env.actionSpace() instanceof Discrete actions)) {
            throw new IllegalArgumentException("tabular TD control needs discrete observations and actions; "
                    + "this env observes " + env.observationSpace() + " and acts in " + env.actionSpace());
        }
        this.env = env;
        this.settings = settings;
        this.rng = rng;
        this.q = new double[states.n()][actions.n()];
    }

    /**
     * Plays {@code count} more episodes, learning as it goes. The first call resets the env with
     * {@code envSeed}; later resets continue its random stream.
     */
    public TabularSnapshot train(int count, long envSeed, EpisodeListener listener) {
        for (int i = 0; i < count; i++) {
            double epsilon = settings.epsilon().epsilon(episodes);
            playEpisode(epsilon, envSeed, listener);
        }
        return snapshot();
    }

    /** As {@link #train(int, long, EpisodeListener)} with no listener. */
    public TabularSnapshot train(int count, long envSeed) {
        return train(count, envSeed, null);
    }

    private void playEpisode(double epsilon, long envSeed, EpisodeListener listener) {
        int s = (int) (seeded ? env.reset() : env.reset(envSeed)).observation()[0];
        seeded = true;
        int a = EpsilonGreedy.choose(q[s], epsilon, rng);
        double total = 0;
        int steps = 0;
        boolean done = false;
        while (!done) {
            env.stepInto(a, obs, 0);
            int next = (int) obs[0];
            double r = env.lastReward();
            boolean terminated = env.lastTerminated();
            done = terminated || env.lastTruncated();
            int nextAction = done ? -1 : EpsilonGreedy.choose(q[next], epsilon, rng);
            double future = terminated ? 0 : settings.gamma() * nextValue(next, nextAction, epsilon);
            q[s][a] += settings.alpha() * (r + future - q[s][a]);
            total += r;
            steps++;
            s = next;
            a = nextAction;
        }
        episodes++;
        if (listener != null) {
            listener.onEpisode(total, steps, epsilon, snapshot());
        }
    }

    /** The bootstrap estimate of {@code V(next)}; {@code nextAction} is -1 when the episode was truncated. */
    private double nextValue(int next, int nextAction, double epsilon) {
        double[] row = q[next];
        return switch (settings.rule()) {
            case Q_LEARNING -> row[Tables.argmax(row)];
            case SARSA -> nextAction >= 0 ? row[nextAction] : expected(row, epsilon);
            case EXPECTED_SARSA -> expected(row, epsilon);
        };
    }

    private static double expected(double[] row, double epsilon) {
        double v = 0;
        for (int b = 0; b < row.length; b++) {
            v += EpsilonGreedy.probability(row, b, epsilon) * row[b];
        }
        return v;
    }

    /**
     * Sets every entry of the Q table to {@code value}: optimistic initial values (Sutton and Barto 2.6)
     * make a greedy learner try every action. Call before training.
     */
    public TdControl initializeQ(double value) {
        for (double[] row : q) {
            Arrays.fill(row, value);
        }
        return this;
    }

    /**
     * Continues from a checkpoint: sets the Q table and the number of episodes played (which the ε schedule
     * counts). Later resets continue the env's random stream rather than re-seeding it.
     */
    public TdControl restore(double[][] table, int episodesPlayed) {
        if (table.length != q.length || table[0].length != q[0].length) {
            throw new IllegalArgumentException("the Q table to restore is " + table.length + "x" + table[0].length
                    + " but this env needs " + q.length + "x" + q[0].length);
        }
        if (episodesPlayed < 0) {
            throw new IllegalArgumentException("episodes played must be >= 0, got " + episodesPlayed);
        }
        for (int s = 0; s < q.length; s++) {
            System.arraycopy(table[s], 0, q[s], 0, q[s].length);
        }
        episodes = episodesPlayed;
        seeded = true;
        return this;
    }

    /** The number of episodes played so far. */
    public int episodes() {
        return episodes;
    }

    /** A copy of the Q table with its greedy values and policy. */
    public TabularSnapshot snapshot() {
        return TabularSnapshot.ofQ(episodes, q);
    }

    /** The current greedy policy. */
    public Policy greedyPolicy() {
        return Policy.tabular(Tables.greedyPolicy(q));
    }
}
