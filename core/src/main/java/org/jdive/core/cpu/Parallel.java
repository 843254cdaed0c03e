package org.jdive.core.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs independent chunks of work on every core.
 *
 * <p>Callers split their work into a number of chunks that depends only on the problem size, never on
 * the number of threads, and each chunk writes disjoint outputs in a fixed order; results are then the
 * same bit for bit whatever {@link #threads()} is. The pool size is the number of available processors,
 * or the system property {@code jdive.threads} where set.
 */
public final class Parallel {

    private static final int THREADS = Integer.getInteger("jdive.threads",
            Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = THREADS > 1 ? new ForkJoinPool(THREADS) : null;
    private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> false);

    private Parallel() {
    }

    /** The number of worker threads. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Calls {@code body.accept(i)} for each {@code i} in {@code [0, chunks)}, in parallel when there is more
     * than one chunk and more than one thread; returns when all have run.
     */
    public static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 1 || POOL == null || insidePool() || SERIAL.get()) {
            for (int i = 0; i < chunks; i++) {
                body.accept(i);
            }
            return;
        }
        POOL.invoke(new Range(body, 0, chunks));
    }

    /** Splits {@code [0, n)} into chunks of {@code grain} (the last may be shorter) and runs them as {@link #forEach}. */
    public static void forRange(int n, int grain, RangeBody body) {
        int chunks = (n + grain - 1) / grain;
        forEach(chunks, c -> body.run(c * grain, Math.min(n, (c + 1) * grain)));
    }

    /** Runs {@code body} with every {@link #forEach} it makes on this thread run serially (for determinism tests). */
    static void serially(Runnable body) {
        SERIAL.set(true);
        try {
            body.run();
        } finally {
            SERIAL.set(false);
        }
    }

    /** Work already running on the pool runs nested chunks inline rather than waiting on itself. */
    private static boolean insidePool() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == POOL;
    }

    /** A body over a half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static final class Range extends RecursiveAction {
        private final IntConsumer body;
        private final int from;
        private final int to;

        Range(IntConsumer body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                body.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(body, from, mid), new Range(body, mid, to));
        }
    }
}
