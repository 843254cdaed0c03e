package org.jdive.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import org.jdive.engine.Executor;

/**
 * Where the tasks of a {@link SparkExecutor} keep the run folders of their work ({@link Executor.FolderWork}):
 * <ul>
 *   <li>{@code shared} (the default): the workers see the driver's folders (one machine, or a shared POSIX file
 *       system), and each task runs its work in them;</li>
 *   <li>a Hadoop file system URI ({@code hdfs://namenode:8020/jdive}, {@code s3a://bucket/jdive}, {@code file:/mnt/x}):
 *       each task runs in an attempt folder of its own on its worker, uploads each checkpoint, and commits the run
 *       folders there by a rename ({@link HadoopStore}); the driver then copies them into its own folders;</li>
 *   <li>{@code driver}: no shared storage; the run folders travel with each task and come back in its result
 *       ({@link DriverStore}).</li>
 * </ul>
 */
public interface RunStore extends Serializable {

    /** What a task of {@code work} hands back: the work's result and, for a store that needs them, its run folders. */
    record Landing<T extends Serializable>(T result, byte[] folders) implements Serializable {
    }

    /** On the driver: the work a task runs for {@code work}, its run folders taken care of. */
    <T extends Serializable> Executor.Work<Landing<T>> remote(Executor.FolderWork<T> work) throws IOException;

    /** On the driver, once a task of {@code work} has ended: puts its run folders under {@code work.root()}. */
    <T extends Serializable> T land(Executor.FolderWork<T> work, Landing<T> landing) throws IOException;

    /**
     * The store {@code spec} names: {@code shared}, {@code driver}, or a URI whose scheme names a Hadoop file system.
     *
     * @throws IllegalArgumentException for anything else, saying what is allowed
     */
    static RunStore parse(String spec) {
        if (spec.equals("shared")) {
            return new Shared();
        }
        if (spec.equals("driver")) {
            return new DriverStore();
        }
        URI uri;
        try {
            uri = new URI(spec);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getScheme().length() < 2) {
            throw new IllegalArgumentException("the spark executor's store is shared, driver, or the URI of a Hadoop "
                    + "file system (hdfs://NAMENODE:PORT/PATH, s3a://BUCKET/PATH, file:/PATH), got '" + spec + "'");
        }
        return new HadoopStore(uri);
    }

    /** The workers see the driver's folders: work runs as it is. */
    final class Shared implements RunStore {
        @Override
        public <T extends Serializable> Executor.Work<Landing<T>> remote(Executor.FolderWork<T> work) {
            return () -> new Landing<>(work.call(), null);
        }

        @Override
        public <T extends Serializable> T land(Executor.FolderWork<T> work, Landing<T> landing) {
            return landing.result();
        }
    }
}
