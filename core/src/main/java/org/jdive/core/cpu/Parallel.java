package org.jdive.core.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Runs independent chunks of work on every core.
 *
 * <p>Callers split their work into a number of chunks that depends only on the problem size, never on
 * the number of threads, and each chunk writes disjoint outputs in a fixed order; results are then the
 * same bit for bit whatever {@link #threads()} is. The number of threads is the number of available
 * processors, or the system property {@code jdive.threads} where set.
 *
 * <p>The calling thread takes part: it publishes the chunks, {@code threads() - 1} helper threads and the
 * caller take them one at a time, and the caller returns when all have run. Helpers spin for a while
 * ({@code jdive.spinMicros}, 200 µs by default) after their last chunk before they sleep, so that the
 * back-to-back kernels of a training step hand over work in about a microsecond instead of the tens of
 * microseconds a thread pool's wake-up costs on a VM; a sleeping helper is woken, and the caller starts
 * on the chunks meanwhile. A job of n chunks involves at most n − 1 helpers (the first ones), so that the
 * many small kernels of a step do not make every core of a large machine contend for the same counters.
 * Only one job runs at a time: a second thread that calls while the helpers are
 * busy, and any call made from inside a chunk, runs its chunks itself.
 */
public final class Parallel {

    private static final int THREADS = Math.max(1, Integer.getInteger("jdive.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final long SPIN_NANOS = Long.getLong("jdive.spinMicros", 200) * 1_000;
    private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> false);
    private static final Team TEAM = THREADS > 1 ? new Team(THREADS - 1) : null;

    private Parallel() {
    }

    /** The number of threads that run chunks, the caller's included. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Calls {@code body.accept(i)} for each {@code i} in {@code [0, chunks)}, in parallel when there is more
     * than one chunk and more than one thread; returns when all have run. If chunks throw, the first
     * exception is rethrown once every chunk has finished.
     */
    public static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 1 || TEAM == null || SERIAL.get() || !TEAM.run(chunks, body)) {
            for (int i = 0; i < chunks; i++) {
                body.accept(i);
            }
        }
    }

    /** Splits {@code [0, n)} into chunks of {@code grain} (the last may be shorter) and runs them as {@link #forEach}. */
    public static void forRange(int n, int grain, RangeBody body) {
        int chunks = (n + grain - 1) / grain;
        forEach(chunks, c -> body.run(c * grain, Math.min(n, (c + 1) * grain)));
    }

    /**
     * Runs {@code body} with every {@link #forEach} it makes on this thread run serially, on this thread alone: for
     * callers that run several workloads side by side on threads of their own (a suite's jobs), where splitting each
     * kernel over all cores as well would only make them contend. Results are the same either way.
     */
    public static void serially(Runnable body) {
        boolean outer = SERIAL.get();
        SERIAL.set(true);
        try {
            body.run();
        } finally {
            SERIAL.set(outer);
        }
    }

    /** A body over a half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Does the work of indices {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    /** One call's chunks, taken one at a time by whichever thread asks next. */
    private static final class Job {
        final IntConsumer body;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Job(IntConsumer body, int chunks) {
            this.body = body;
            this.chunks = chunks;
        }

        /** Runs chunks until none is left to take. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    body.accept(c);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        boolean done() {
            return finished.get() == chunks;
        }
    }

    /** The helper threads and the job they are working on. */
    private static final class Team {
        private final ReentrantLock lock = new ReentrantLock();
        private final Helper[] helpers;
        private volatile Job current;

        Team(int size) {
            helpers = new Helper[size];
            for (int i = 0; i < size; i++) {
                helpers[i] = new Helper(this, i + 1);
                helpers[i].start();
            }
        }

        /** Runs the job with the helpers; false (nothing run) when another thread's job holds them. */
        boolean run(int chunks, IntConsumer body) {
            if (!lock.tryLock()) {
                return false;
            }
            try {
                Job job = new Job(body, chunks);
                current = job;
                for (int h = 0; h < Math.min(helpers.length, chunks - 1); h++) {
                    helpers[h].wake();
                }
                SERIAL.set(true);
                try {
                    job.work();
                } finally {
                    SERIAL.set(false);
                }
                awaitHelpers(job);
                current = null;
                Throwable failure = job.failure;
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** Waits for chunks that helpers are still running: briefly spinning, then yielding the core. */
        private static void awaitHelpers(Job job) {
            for (int spins = 0; !job.done(); spins++) {
                if (spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    /** A daemon thread that runs chunks of each job it sees, spinning between jobs and then sleeping. */
    private static final class Helper extends Thread {
        private final Team team;
        private final int index;
        private volatile boolean sleeping;

        Helper(Team team, int index) {
            super("jdive-cpu-" + index);
            this.team = team;
            this.index = index;
            setDaemon(true);
        }

        void wake() {
            if (sleeping) {
                sleeping = false;
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            SERIAL.set(true);
            Job last = null;
            while (true) {
                Job job = awaitJob(last);
                if (index < job.chunks) {
                    job.work();
                }
                last = job;
            }
        }

        /** The next job other than {@code last}: spins for {@link #SPIN_NANOS}, then sleeps until woken. */
        private Job awaitJob(Job last) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job job = team.current;
                if (job != null && job != last) {
                    return job;
                }
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                sleeping = true;
                job = team.current; // a job published before the flag was seen would not wake us
                if (job != null && job != last) {
                    sleeping = false;
                    return job;
                }
                LockSupport.park(this);
                sleeping = false;
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
