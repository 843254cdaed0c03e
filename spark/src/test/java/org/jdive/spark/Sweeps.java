package org.jdive.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.engine.Executor;
import org.jdive.engine.sweep.Sweep;
import org.jdive.engine.sweep.Tuner;

/** Small sweeps for the executor tests, and what their results are once wall time is left out. */
final class Sweeps {

    private Sweeps() {
    }

    /** Writes a sweep over {@code base} (a scenario's text) into {@code dir} and loads it. */
    static Sweep write(Path dir, String base, String sweep) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("base.yaml"), base);
        Files.writeString(dir.resolve("sweep.yaml"), "scenario: base.yaml\n" + sweep);
        return Sweep.load(dir.resolve("sweep.yaml"));
    }

    static Tuner.Report run(Sweep sweep, Path folder, Executor executor) throws IOException {
        StringWriter log = new StringWriter();
        return new Tuner(sweep, folder, executor, new AtomicBoolean(), new PrintWriter(log)).run();
    }

    /** results.csv without its last column, the wall time. */
    static List<String> results(Path folder) throws IOException {
        return Files.readAllLines(folder.resolve("results.csv")).stream().map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList();
    }

    /** A run's log without its second column, the wall time. */
    static List<String> withoutWallTime(Path csv) throws IOException {
        return withoutWallTime(Files.readAllLines(csv));
    }

    /** The lines of a run's log without their second column, the wall time. */
    static List<String> withoutWallTime(List<String> lines) {
        return lines.stream().map(l -> l.replaceFirst("^([^,]*),[^,]*", "$1")).toList();
    }

    /** A suite's results.csv without the column of wall time, {@code wall_s}. */
    static List<String> benchResults(Path bench) throws IOException {
        return Files.readAllLines(bench.resolve("results.csv")).stream()
                .map(l -> l.replaceFirst("^((?:[^,]*,){8})[^,]*", "$1")).toList();
    }
}
