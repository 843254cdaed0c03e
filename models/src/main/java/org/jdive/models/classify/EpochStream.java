package org.jdive.models.classify;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;

/**
 * A random stream that starts afresh at each epoch, from the scenario's seed, its name and the epoch's number (as
 * {@link ClassifierTrainer}'s shuffles do): epoch {@code e} draws the same numbers whether the run began at epoch 0 or
 * was resumed from a checkpoint after epoch {@code e − 1}, so a checkpoint (always written between epochs) restores
 * the stream exactly by its epoch count alone. Layers that draw as they train hold it (dropout's masks, D2L 5.6);
 * the trainer calls {@link #startEpoch} before each epoch.
 */
public final class EpochStream implements UniformRandomProvider {

    private final long seed;
    private final String name;
    private UniformRandomProvider current;

    /** The stream {@code name} of {@code seed}, positioned at the start of epoch 0. */
    public EpochStream(long seed, String name) {
        this.seed = seed;
        this.name = name;
        startEpoch(0);
    }

    /** Restarts the stream at the start of epoch {@code epoch} (counted from 0). */
    public void startEpoch(int epoch) {
        current = Rng.split(seed, name + "/epoch-" + epoch);
    }

    @Override
    public long nextLong() {
        return current.nextLong();
    }

    @Override
    public int nextInt() {
        return current.nextInt();
    }

    @Override
    public float nextFloat() {
        return current.nextFloat();
    }

    @Override
    public double nextDouble() {
        return current.nextDouble();
    }

    @Override
    public boolean nextBoolean() {
        return current.nextBoolean();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        current.nextBytes(bytes);
    }
}
