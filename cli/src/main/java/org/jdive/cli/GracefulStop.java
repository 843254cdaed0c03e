package org.jdive.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C as a request rather than an end: the JVM's shutdown sets {@link #requested()}, which the runners check after
 * each chunk, and then waits (at most {@value #TIMEOUT_SECONDS} s) until {@link #close()} says the work has written its
 * checkpoint and report. Without a signal, {@link #close()} just removes the hook.
 */
final class GracefulStop implements AutoCloseable {

    /** How long Ctrl-C waits for the current chunk to end and its checkpoint to be written. */
    private static final long TIMEOUT_SECONDS = 120;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private GracefulStop() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jdive-stop");
    }

    /** Installs the shutdown hook. */
    static GracefulStop install() {
        GracefulStop stop = new GracefulStop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** The flag the runners watch: set once Ctrl-C has been pressed. */
    AtomicBoolean requested() {
        return requested;
    }

    /** Lets a waiting shutdown go on (the report is out by now), or removes the hook when there was none. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already exiting (with the signal's status)
        }
    }
}
