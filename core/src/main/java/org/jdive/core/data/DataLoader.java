package org.jdive.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;

/**
 * Batches of a {@link Dataset}, as PyTorch's {@code DataLoader}: each {@link #iterator()} is one epoch, in
 * order or (with {@code shuffle}) in a fresh permutation drawn from the loader's seeded generator, so that the
 * same seed gives the same epochs. The last, smaller batch is dropped with {@code dropLast}. A batch's tensors
 * are freed when the next one is requested.
 */
public final class DataLoader implements Iterable<Batch> {

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final UniformRandomProvider rng;
    private final Backend backend;

    /** Batches in dataset order, the last one possibly smaller, on the default backend. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, false, null, Backends.getDefault());
    }

    /**
     * @param rng the generator of the shuffles; required when {@code shuffle}
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, UniformRandomProvider rng,
                      Backend backend) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (shuffle && rng == null) {
            throw new IllegalArgumentException("a shuffling DataLoader needs a seeded generator (Rng.split(seed, \"data\"))");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.rng = rng;
        this.backend = backend;
    }

    /** The number of batches per epoch. */
    public int batches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One epoch; with shuffling, each call draws a new permutation. */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {     // Fisher–Yates
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        return new Epoch(order);
    }

    private final class Epoch implements Iterator<Batch> {

        private final int[] order;
        private final int featureSize;
        private final int targetSize;
        private int next;
        private int produced;
        private Batch previous;

        Epoch(int[] order) {
            this.order = order;
            this.featureSize = product(dataset.featureShape());
            this.targetSize = product(dataset.targetShape());
        }

        @Override
        public boolean hasNext() {
            boolean more = produced < batches();
            if (!more) {
                releasePrevious();
            }
            return more;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has " + batches() + " batches");
            }
            releasePrevious();
            int b = Math.min(batchSize, order.length - next);
            float[] x = new float[b * featureSize];
            float[] y = new float[b * targetSize];
            for (int i = 0; i < b; i++) {
                dataset.copyFeatures(order[next + i], x, i * featureSize);
                dataset.copyTarget(order[next + i], y, i * targetSize);
            }
            next += b;
            produced++;
            try (Scope persistent = Scope.none()) {
                previous = new Batch(Tensor.of(backend, x, withBatch(b, dataset.featureShape())),
                        Tensor.of(backend, y, withBatch(b, dataset.targetShape())));
            }
            return previous;
        }

        private void releasePrevious() {
            if (previous != null) {
                previous.close();
                previous = null;
            }
        }
    }

    private static int[] withBatch(int b, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = b;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static int product(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
