package org.jdive.envs.vector;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one task over {@code [0, n)} in fixed blocks shared among the caller's thread and {@code threads - 1}
 * workers: each thread claims the next unclaimed block until none is left, so a worker the OS has not
 * scheduled yet (other processes on the cores) never holds the caller up; the caller does the work itself.
 * Which thread runs a block does not change its result, as long as the task's blocks are independent.
 * Workers live as long as the runner; between rounds they spin briefly, since a vector env's steps follow
 * each other within microseconds, then park.
 */
final class ChunkRunner implements AutoCloseable {

    /** Work on the index range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    private static final int SPINS = 1 << 12;
    private static final int BLOCKS_PER_THREAD = 8;

    private final RangeTask task;
    private final int n;
    private final int blockSize;
    private final int numBlocks;
    private final Worker[] workers;
    private final AtomicInteger nextBlock = new AtomicInteger();
    private final AtomicInteger completedBlocks = new AtomicInteger();
    private volatile Thread caller;
    private volatile long round;
    private volatile boolean callerParked;
    private volatile boolean closed;
    private volatile Throwable failure;

    ChunkRunner(int n, int threads, RangeTask task) {
        if (threads < 1) {
            throw new IllegalArgumentException("a vector env needs at least 1 thread, got " + threads);
        }
        this.task = task;
        this.n = n;
        this.blockSize = threads == 1 ? n : Math.max(1, n / (threads * BLOCKS_PER_THREAD));
        this.numBlocks = (n + blockSize - 1) / blockSize;
        this.workers = new Worker[Math.min(threads, numBlocks) - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            workers[w].thread.start();
        }
    }

    /**
     * Runs the task over every block and returns when all are done, rethrowing a failure. Not re-entrant:
     * one thread at a time.
     */
    void runAll() {
        if (workers.length == 0) {
            task.run(0, n);
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        completedBlocks.set(0);
        nextBlock.set(0);
        round++;
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w.thread);
            }
        }
        runBlocks();
        awaitBlocks();
        Throwable t = failure;
        if (t != null) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException("a vector env worker failed", t);
        }
    }

    private void runBlocks() {
        for (int b = nextBlock.getAndIncrement(); b < numBlocks; b = nextBlock.getAndIncrement()) {
            try {
                task.run(b * blockSize, Math.min(n, (b + 1) * blockSize));
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (completedBlocks.incrementAndGet() == numBlocks && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    private void awaitBlocks() {
        for (int spin = 0; completedBlocks.get() < numBlocks; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                callerParked = true;
                if (completedBlocks.get() < numBlocks) {
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

        private final Thread thread;
        private volatile boolean parked;

        Worker(int index) {
            this.thread = new Thread(this, "jdive-vector-env-" + index);
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
                runBlocks();
            }
        }
    }
}
