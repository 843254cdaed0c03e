package org.jdive.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * A task attempt's own folder on its worker, under the executor's local directory, named by the work's folder and the
 * task attempt: where a task runs copies of its run folders when the workers do not share the driver's.
 *
 * @param path   the folder, created empty
 * @param number the attempt's number within its task (0 first; Spark counts retries and speculative copies up)
 */
record AttemptFolder(Path path, int number) implements AutoCloseable {

    /** A new, empty folder for this task attempt's copy of the folder named {@code name}. */
    static AttemptFolder create(String name) throws IOException {
        TaskContext task = TaskContext.get();
        int number = task != null ? task.attemptNumber() : 0;
        Path local = task != null ? Path.of(SparkFiles.getRootDirectory()) : Path.of(System.getProperty("java.io.tmpdir"));
        String id = task != null ? task.taskAttemptId() + "" : ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path path = local.resolve("jdive-attempts").resolve(name + ".attempt-" + number + "-" + id);
        delete(path);
        return new AttemptFolder(Files.createDirectories(path), number);
    }

    /** Deletes the folder and what it holds. */
    @Override
    public void close() throws IOException {
        delete(path);
    }

    /** Deletes {@code folder} and what it holds, if it is there. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Puts the run folder {@code arrived} (written beside {@code target}) in {@code target}'s place: the old one moves
     * aside first and goes once the new one is in, so that {@code target} is never half written.
     */
    static void replace(Path target, Path arrived) throws IOException {
        Path old = target.resolveSibling(target.getFileName() + ".replaced");
        delete(old);
        if (Files.exists(target)) {
            Files.move(target, old);
        }
        Files.move(arrived, target);
        delete(old);
    }
}
