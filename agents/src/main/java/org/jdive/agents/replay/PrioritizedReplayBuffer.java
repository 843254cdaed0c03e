package org.jdive.agents.replay;

import java.io.IOException;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Proportional prioritized replay (Schaul et al. 2016): transition {@code i} is drawn with probability
 * {@code p_i^α / Σ p^α}, where {@code p_i = |δ_i| + ε} is its last TD error, and new transitions get the
 * largest priority seen so far. The batch is stratified (one draw from each of {@code B} equal slices of the
 * total) and carries importance-sampling weights {@code (N · P(i))^-β}, divided by the batch's largest so
 * that they only scale updates down. Priorities live in a {@link SumTree} over the buffer's rows.
 */
public final class PrioritizedReplayBuffer extends ReplayBuffer {

    private final double alpha;
    private final double epsilon;
    private final SumTree tree;
    private double maxPriority = 1;

    /** A buffer that stores its observations as floats; see the full constructor. */
    public PrioritizedReplayBuffer(int capacity, int observationSize, int numEnvs, int nSteps, double gamma,
                                   double alpha, double epsilon) {
        this(capacity, observationSize, numEnvs, nSteps, gamma, ObservationStorage.FLOAT32, alpha, epsilon);
    }

    /**
     * The first six parameters as {@link ReplayBuffer#ReplayBuffer(int, int, int, int, double, ObservationStorage)}.
     *
     * @param alpha   how much prioritization is used, in [0, 1] (0: uniform; the paper uses 0.6)
     * @param epsilon added to |δ| so that no transition becomes impossible to draw (e.g. 1e-6)
     */
    public PrioritizedReplayBuffer(int capacity, int observationSize, int numEnvs, int nSteps, double gamma,
                                   ObservationStorage storage, double alpha, double epsilon) {
        super(capacity, observationSize, numEnvs, nSteps, gamma, storage);
        if (!(alpha >= 0 && alpha <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("prioritized replay needs alpha in [0, 1] and epsilon > 0, got "
                    + alpha + " and " + epsilon);
        }
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.tree = new SumTree(capacity());
    }

    @Override
    protected void rowChanged(int row, boolean startsTransition) {
        tree.set(row, startsTransition ? Math.pow(maxPriority, alpha) : 0);
    }

    /** As {@link #sample(Batch, double, UniformRandomProvider)} with β = 1 (full correction). */
    @Override
    public void sample(Batch batch, UniformRandomProvider rng) {
        sample(batch, 1.0, rng);
    }

    /**
     * Fills {@code batch} with a stratified proportional draw and its importance weights.
     *
     * @param beta the importance-sampling exponent, annealed from e.g. 0.4 to 1 over training
     */
    public void sample(Batch batch, double beta, UniformRandomProvider rng) {
        checkSampling(batch);
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must lie in [0, 1], got " + beta);
        }
        double total = tree.total();
        double slice = total / batch.size();
        double largest = 0;
        for (int i = 0; i < batch.size(); i++) {
            int row = tree.find((i + rng.nextDouble()) * slice);
            fill(batch, i, row);
            double probability = tree.get(row) / total;
            double weight = Math.pow(size() * probability, -beta);
            batch.weights[i] = (float) weight;
            largest = Math.max(largest, weight);
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.weights[i] = (float) (batch.weights[i] / largest);
        }
    }

    /** Sets the priorities of the batch's transitions from their new TD errors {@code δ}. */
    public void updatePriorities(int[] indices, float[] tdErrors, int count) {
        for (int i = 0; i < count; i++) {
            if (!startsTransition(indices[i])) {
                continue; // overwritten since it was sampled
            }
            double priority = Math.abs(tdErrors[i]) + epsilon;
            maxPriority = Math.max(maxPriority, priority);
            tree.set(indices[i], Math.pow(priority, alpha));
        }
    }

    @Override
    void saveExtra(ReplayFile.Writer out) throws IOException {
        double[] priorities = new double[capacity()];
        for (int row = 0; row < priorities.length; row++) {
            priorities[row] = tree.get(row);
        }
        out.doubles(new double[] {maxPriority, alpha, epsilon});
        out.doubles(priorities);
    }

    @Override
    Runnable loadExtra(ReplayFile.Reader in) throws IOException {
        double[] settings = in.doubles(3);
        if (settings[1] != alpha || settings[2] != epsilon) {
            throw new IOException("the saved prioritized replay has alpha " + settings[1] + " and epsilon "
                    + settings[2] + ", this one " + alpha + " and " + epsilon);
        }
        double[] priorities = in.doubles(capacity());
        return () -> {
            maxPriority = settings[0];
            for (int row = 0; row < priorities.length; row++) {
                tree.set(row, priorities[row]);
            }
        };
    }

    /** The priority {@code p^α} of a row (0 for rows that start no transition). */
    public double priority(int row) {
        return tree.get(row);
    }
}
