package org.jdive.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.jdive.core.cpu.Parallel;
import org.jdive.engine.Executor;

/**
 * Runs work as Spark tasks: each piece of work (a sweep's job: one trial's runs up to a rung) is a job of one task,
 * submitted asynchronously, so that as many run at once as the cluster has cores and a scheduler such as ASHA hears of
 * each result as it comes. A task whose executor dies is retried elsewhere by Spark ({@code spark.task.maxFailures});
 * since a run's folder is the whole of its state, the retry continues from the run's latest checkpoint. Where the
 * tasks find the run folders is the {@link RunStore}'s affair: the driver's own folders, which every worker must then
 * see (one machine, or a shared file system); a Hadoop file system (HDFS, S3A) that they commit to; or copies that
 * travel with the tasks.
 *
 * <p>Executors run with the options the Vector API and Spark need on Java 17+, and each task keeps its CPU kernels
 * on its own thread, as {@link org.jdive.engine.LocalExecutor} does with several slots.
 */
public final class SparkExecutor implements Executor {

    /**
     * The JVM options of every JVM that runs Spark with jdive: what Spark documents for Java 17+
     * ({@code JavaModuleOptions}) and what jdive's kernels need; one per line in {@code jvm.options}, which the
     * launcher reads too.
     */
    public static final List<String> JVM_OPTIONS = jvmOptions();

    private final JavaSparkContext spark;
    private final int slots;
    private final RunStore store;
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jdive-spark-wait");
        t.setDaemon(true);
        return t;
    });

    /**
     * Connects to {@code master} ({@code local[N]}: embedded in this JVM; {@code spark://host:7077}: a standalone
     * cluster) with the workers seeing the driver's run folders. {@code slots} jobs run at once; 0 takes the cluster's
     * cores.
     */
    public SparkExecutor(String master, int slots) {
        this(master, slots, new RunStore.Shared());
    }

    /** Connects to {@code master} as {@link #SparkExecutor(String, int)} does, the tasks' run folders in {@code store}. */
    public SparkExecutor(String master, int slots, RunStore store) {
        this.store = store;
        SparkConf conf = new SparkConf().setAppName("jdive").setMaster(master)
                .set("spark.executor.extraJavaOptions", String.join(" ", JVM_OPTIONS))
                // A worker on this machine or one with jdive installed at the same path finds the classes here.
                .set("spark.executor.extraClassPath", applicationClassPath())
                .set("spark.task.maxFailures", "4")
                .set("spark.ui.enabled", "false")
                .set("spark.scheduler.mode", "FIFO");
        this.spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        this.slots = slots > 0 ? slots : Math.max(1, spark.defaultParallelism());
    }

    /** Runs {@code work} as a task; work on run folders ({@link FolderWork}) finds them through the store. */
    @Override
    public <T extends Serializable> CompletableFuture<T> submit(Work<T> work) {
        if (!(work instanceof FolderWork<T> folders)) {
            return run(work);
        }
        Work<RunStore.Landing<T>> remote;
        try {
            remote = store.remote(folders);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return run(remote).thenApplyAsync(landing -> {
            try {
                return store.land(folders, landing);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, waiters);
    }

    private <T extends Serializable> CompletableFuture<T> run(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        JavaFutureAction<List<T>> action = spark.parallelize(List.of(work), 1).map(SparkExecutor::callSerially)
                .collectAsync();
        waiters.execute(() -> {
            try {
                result.complete(action.get().getFirst());
            } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause() != null ? e.getCause() : e);
            } catch (CancellationException | InterruptedException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs on an executor: the work, its kernels on this task's thread. */
    private static <T extends Serializable> T callSerially(Work<T> work) throws Exception {
        Object[] out = new Object[1];
        Exception[] failure = new Exception[1];
        Parallel.serially(() -> {
            try {
                out[0] = work.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void cancel() {
        spark.cancelAllJobs();
    }

    @Override
    public void close() {
        waiters.shutdown();
        spark.stop();
    }

    private static List<String> jvmOptions() {
        try (InputStream in = SparkExecutor.class.getResourceAsStream("jvm.options")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the spark module's jvm.options is missing from its jar", e);
        }
    }

    /** This JVM's class path: jdive and what it needs (Spark's jars are among them, the same as the executors'). */
    static String applicationClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }
}
