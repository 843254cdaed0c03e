package org.jdive.cli;

import java.util.Map;
import org.jdive.engine.Executor;
import org.jdive.engine.ExecutorProvider;
import picocli.CommandLine.Option;

/**
 * Where a command's runs execute: {@code --jobs}, {@code --executor}, {@code --master} and {@code --store}, shared by
 * bench and sweep.
 */
final class ExecutorOptions {

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs at a time, each with its CPU kernels on one thread (default: 1 locally, the cluster's "
                    + "cores on Spark). On 2 cores two MinAtar runs side by side make some 4,000 steps/s together, one "
                    + "run on both cores about 3,400.")
    Integer jobs;

    @Option(names = "--executor", paramLabel = "NAME", defaultValue = "local",
            description = "Where the runs execute: local (this JVM, default) or spark (Apache Spark; see --master).")
    String executor;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master with --executor spark: local[N] (embedded, N cores; default local[*]) or "
                    + "spark://HOST:7077 (a standalone cluster whose workers see the run folders).")
    String master;

    @Option(names = "--store", paramLabel = "WHERE",
            description = "With --executor spark, where the tasks keep run folders: shared (default: every worker sees "
                    + "--runs), driver (no shared storage: the run folders travel with the tasks and back), or a Hadoop "
                    + "file system's URI (hdfs://NAMENODE:PORT/PATH, s3a://BUCKET/PATH, file:/PATH) where each task "
                    + "commits them from an attempt folder; --runs keeps the driver's copy.")
    String store;

    /**
     * {@code runs} ({@code --runs}), else the default runs folder: a local folder, the driver's. A URI there (which the
     * option reads as a folder named after its scheme) is a usage error of {@code command} that points at {@code --store}.
     */
    static java.nio.file.Path localRuns(java.nio.file.Path runs, String command) {
        if (runs == null) {
            return Main.defaultRuns();
        }
        if (runs.getNameCount() > 1 && runs.getName(0).toString().matches("[A-Za-z][A-Za-z0-9+.-]+:")) {
            throw new Main.UsageException(command + ": --runs is the driver's own folder, not a URI (" + runs.getName(0)
                    + "//...); run folders go to a Hadoop file system with --executor spark --store URI, e.g. --store "
                    + "hdfs://NAMENODE:8020/jdive, and the driver keeps its copy in --runs");
        }
        return runs;
    }

    /** The executor these options name; a bad combination is a usage error of {@code command}. */
    Executor create(String command) {
        if (jobs != null && jobs < 1) {
            throw new Main.UsageException(command + ": --jobs must be at least 1, got " + jobs);
        }
        if (master != null && !executor.equals("spark")) {
            throw new Main.UsageException(command + ": --master is an option of --executor spark");
        }
        if (store != null && !executor.equals("spark")) {
            throw new Main.UsageException(command + ": --store is an option of --executor spark");
        }
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (master != null) {
            options.put("master", master);
        }
        if (store != null) {
            options.put("store", store);
        }
        int slots = jobs != null ? jobs : executor.equals("local") ? 1 : 0;
        try {
            return ExecutorProvider.create(executor, slots, options);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(command + ": " + e.getMessage());
        }
    }
}
