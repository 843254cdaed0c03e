package org.jdive.models.regress;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.data.Dataset;

/**
 * Trains a {@link LinearRegression} as D2L does, counted in examples seen: each epoch a pass over the training set in a
 * fresh random order, in minibatches (the last, smaller one kept). Chapter 12 draws its loss curves every 200 examples
 * (a fraction of an epoch), so {@link #train} takes a number of examples and stops at the first minibatch boundary at or
 * past it: a minibatch is never split, so with a batch larger than what is asked (gradient descent's 1,500 against 200)
 * a chunk is a whole batch.
 *
 * <p>Epoch {@code e}'s order comes from a stream named after the seed and {@code e}, and where an epoch stands follows
 * from the examples seen, so a trainer restored to {@code n} examples (with the model's parameters and optimiser state)
 * continues exactly as the one that saved them.
 */
public final class RegressionTrainer {

    /** A chunk's record: the examples it saw, in how many updates, and their mean minibatch loss (D2L's train_loss). */
    public record Chunk(long examples, int updates, double trainLoss) {
    }

    private final LinearRegression model;
    private final Dataset train;
    private final int batchSize;
    private final long seed;
    private final Backend backend;
    private long examplesDone;
    private int orderEpoch = -1;
    private int[] order;

    public RegressionTrainer(LinearRegression model, Dataset train, int batchSize, long seed, Backend backend) {
        if (batchSize < 1 || batchSize > train.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + train.size() + "] (the training examples), got "
                    + batchSize);
        }
        this.model = model;
        this.train = train;
        this.batchSize = batchSize;
        this.seed = seed;
        this.backend = backend;
    }

    /** Trains whole minibatches until at least {@code examples} more have been seen. */
    public Chunk train(long examples) {
        long target = examplesDone + examples;
        long seen = 0;
        int updates = 0;
        double lossSum = 0;
        int n = train.size();
        int d = train.featureShape()[0];
        while (examplesDone < target) {
            int epoch = Math.toIntExact(examplesDone / n);
            int from = (int) (examplesDone % n);
            int b = Math.min(batchSize, n - from);
            int[] epochOrder = order(epoch);
            float[] x = new float[b * d];
            float[] y = new float[b];
            for (int i = 0; i < b; i++) {
                train.copyFeatures(epochOrder[from + i], x, i * d);
                train.copyTarget(epochOrder[from + i], y, i);
            }
            double loss;
            try (Scope scope = Scope.open()) {
                loss = model.step(Tensor.of(backend, x, b, d), Tensor.of(backend, y, b, 1));
            }
            lossSum += loss * b;
            seen += b;
            updates++;
            examplesDone += b;
        }
        return new Chunk(seen, updates, seen == 0 ? Double.NaN : lossSum / seen);
    }

    /** Epoch {@code epoch}'s order of the training examples, a Fisher–Yates shuffle as {@code DataLoader}'s. */
    private int[] order(int epoch) {
        if (epoch != orderEpoch) {
            UniformRandomProvider rng = Rng.split(seed, "data/epoch-" + epoch);
            order = new int[train.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            orderEpoch = epoch;
        }
        return order;
    }

    public LinearRegression model() {
        return model;
    }

    /** Examples seen so far, over all epochs. */
    public long examplesDone() {
        return examplesDone;
    }

    /** Sets the examples already seen (what a checkpoint restores). */
    public void examplesDone(long examples) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples seen must be >= 0, got " + examples);
        }
        this.examplesDone = examples;
    }

    /** Epochs done, fractional: the x axis of D2L's chapter 12 plots. */
    public double epochs() {
        return examplesDone / (double) train.size();
    }
}
