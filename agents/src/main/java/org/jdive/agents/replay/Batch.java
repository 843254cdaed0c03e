package org.jdive.agents.replay;

/**
 * A sampled mini-batch of (n-step) transitions in preallocated arrays, refilled by every
 * {@link ReplayBuffer#sample}. Transition {@code i}'s target is
 * {@code returns[i] + discounts[i] · V(nextObservations[i])}: {@code discounts[i]} is {@code γ^k} after
 * {@code k} rewards, and 0 when the MDP terminated within them (a truncation keeps it, so the target
 * bootstraps).
 */
public final class Batch {

    private final int size;
    private final int observationSize;
    final float[] observations;
    final int[] actions;
    private final int actionSize;
    final float[] actionValues;
    final float[] returns;
    final float[] discounts;
    final float[] nextObservations;
    final int[] indices;
    final float[] weights;

    /** A batch of discrete actions. */
    public Batch(int size, int observationSize) {
        this(size, observationSize, 0);
    }

    /** A batch of continuous actions of {@code actionSize} values each (0: discrete actions). */
    public Batch(int size, int observationSize, int actionSize) {
        if (size < 1 || observationSize < 1) {
            throw new IllegalArgumentException("a batch needs size >= 1 and observationSize >= 1, got " + size
                    + " and " + observationSize);
        }
        this.size = size;
        this.observationSize = observationSize;
        this.observations = new float[size * observationSize];
        this.actions = new int[size];
        this.actionSize = actionSize;
        this.actionValues = new float[size * actionSize];
        this.returns = new float[size];
        this.discounts = new float[size];
        this.nextObservations = new float[size * observationSize];
        this.indices = new int[size];
        this.weights = new float[size];
    }

    /** The number of transitions. */
    public int size() {
        return size;
    }

    /** Floats per observation. */
    public int observationSize() {
        return observationSize;
    }

    /** Values per continuous action; 0 for discrete actions. */
    public int actionSize() {
        return actionSize;
    }

    /** The continuous actions, {@code size × actionSize} floats, row-major. */
    public float[] actionValues() {
        return actionValues;
    }

    /** {@code size × observationSize} floats, row-major. */
    public float[] observations() {
        return observations;
    }

    /** The discrete actions, one per transition. */
    public int[] actions() {
        return actions;
    }

    /** The discounted sum of the (up to n) rewards after each observation. */
    public float[] returns() {
        return returns;
    }

    /** The factor of the bootstrapped value: {@code γ^k}, or 0 after a termination. */
    public float[] discounts() {
        return discounts;
    }

    /** The observations bootstrapped from, laid out as {@link #observations()}. */
    public float[] nextObservations() {
        return nextObservations;
    }

    /** Where each transition lives in the buffer, for {@link PrioritizedReplayBuffer#updatePriorities}. */
    public int[] indices() {
        return indices;
    }

    /** Importance-sampling weights: all 1 for uniform sampling. */
    public float[] weights() {
        return weights;
    }
}
