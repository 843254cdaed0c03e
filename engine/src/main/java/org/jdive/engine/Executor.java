package org.jdive.engine;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Where the runs of a sweep (and of a suite) execute: side by side in this JVM ({@link LocalExecutor}), or on the
 * workers of a cluster. Work is a serializable callable that reads and writes only its run folders, so that it can
 * go to another machine that sees the same folders, or, as {@link FolderWork}, run there on copies of them.
 */
public interface Executor extends AutoCloseable {

    /** Work an executor can send elsewhere. */
    interface Work<T extends Serializable> extends Callable<T>, Serializable {
    }

    /**
     * Work whose whole state is some run folders under one folder (a sweep's or a suite's): an executor whose workers
     * do not see the driver's folders runs it {@link #under} a copy of that folder elsewhere and brings the run
     * folders back.
     */
    interface FolderWork<T extends Serializable> extends Work<T> {
        /** The folder that holds the run folders, absolute, as this JVM sees it. */
        String root();

        /** The run folders the work reads and writes, relative to {@link #root()}, names separated by {@code /}. */
        List<String> runs();

        /** The same work on the run folders under {@code root} instead. */
        FolderWork<T> under(String root);
    }

    /** Starts {@code work}; the future completes with its result, or exceptionally with its failure. */
    <T extends Serializable> CompletableFuture<T> submit(Work<T> work);

    /** How many pieces of work run at once. */
    int slots();

    /** Asks the work under way to stop (Ctrl-C): its runs continue later from their latest checkpoints. */
    default void cancel() {
    }

    /** Frees the executor's threads or connections; work under way is left to finish or stop on its own. */
    @Override
    void close();
}
