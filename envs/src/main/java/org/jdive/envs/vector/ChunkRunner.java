package org.jdive.envs.vector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one task over {@code [0, n)} split into fixed contiguous chunks, one per thread, the caller's thread
 * taking the first. Workers live as long as the runner; they spin briefly between rounds, since a vector
 * env's steps follow each other within microseconds, and park when idle for longer. The chunks never change,
 * so which thread handles which index is deterministic.
 */
final class ChunkRunner implements AutoCloseable {

    /** Work on the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    private static final int SPINS = 1 << 14;

    private final RangeTask task;
    private final int[] bounds;
    private final Worker[] workers;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Thread caller;
    private volatile long round;
    private volatile boolean callerParked;
    private volatile boolean closed;
    private volatile Throwable failure;

    ChunkRunner(int n, int threads, RangeTask task) {
        if (threads < 1) {
            throw new IllegalArgumentException("a vector env needs at least 1 thread, got " + threads);
        }
        int chunks = Math.min(threads, n);
        this.task = task;
        this.bounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) {
            bounds[c] = (int) ((long) c * n / chunks);
        }
        this.workers = new Worker[chunks - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].thread.start();
        }
    }

    /**
     * Runs the task over every chunk and returns when all are done, rethrowing a worker's failure. Not
     * re-entrant: one thread at a time.
     */
    void runAll() {
        if (workers.length > 0) {
            caller = Thread.currentThread();
            failure = null;
            remaining.set(workers.length);
            round++;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
        }
        task.run(bounds[0], bounds[1]);
        awaitWorkers();
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException("a vector env worker failed", t);
        }
    }

    private void awaitWorkers() {
        for (int spin = 0; remaining.get() > 0; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                callerParked = true;
                if (remaining.get() > 0) {
                    LockSupport.park(this);
                }
                callerParked = false;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        round++;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
        for (Worker w : workers) {
            try {
                w.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker implements Runnable {

        private final int chunk;
        private final Thread thread;
        private volatile boolean parked;

        Worker(int chunk) {
            this.chunk = chunk;
            this.thread = new Thread(this, "jdive-vector-env-" + chunk);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                for (int spin = 0; round == seen; spin++) {
                    if (spin < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (round == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                seen = round;
                if (closed) {
                    return;
                }
                try {
                    task.run(bounds[chunk], bounds[chunk + 1]);
                } catch (Throwable t) {
                    failure = t;
                }
                if (remaining.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
