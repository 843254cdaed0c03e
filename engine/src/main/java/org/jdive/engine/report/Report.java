package org.jdive.engine.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.engine.Bench;
import org.jdive.engine.RunFolder;
import org.jdive.engine.sweep.Tuner;

/**
 * {@code jdive report FOLDER}: a self-contained {@code report.html} in a run, bench or sweep folder. The page holds
 * the scenario, the summary, the tables, every plot and GIF of the folder (as relative links to the images beside it,
 * so the page stays small and works offline, copied with its folder) and, for a suite, its results beside the
 * published figures the suite gives. A bench's or sweep's runs each get their own report, linked from the folder's.
 *
 * <p>The page loads nothing from the network (its style and script are inline, and its content security policy
 * forbids anything else), and says at the top how many of its images could not be shown, should any be missing or
 * damaged. Reports are written atomically: a page being read is never half-written.
 */
public final class Report {

    /** The report's file name in its folder. */
    public static final String FILE = "report.html";

    private Report() {
    }

    /** The kinds of folder jdive writes, and so can report on. */
    public enum Kind {
        /** A run folder: {@code scenario.yaml}, metrics, checkpoints, plots. */
        RUN,
        /** A bench folder ({@code jdive bench}): a suite's runs, {@code results.md}, {@code results.csv}, plots. */
        SUITE,
        /** A sweep folder ({@code jdive sweep}): {@code sweep.yaml}, the trials' runs, results, {@code best.yaml}. */
        SWEEP
    }

    /** A folder that is none of the {@link Kind kinds} jdive writes; the message names it and says what was expected. */
    public static final class NotReportable extends IllegalArgumentException {
        NotReportable(String message) {
            super(message);
        }
    }

    /**
     * What {@link #write} wrote.
     *
     * @param kind       the folder's kind
     * @param report     the folder's report
     * @param runReports the reports written for the runs below it (a suite's, a sweep's), 0 for a run
     */
    public record Written(Kind kind, Path report, int runReports) {
    }

    /**
     * The kind of {@code folder}: a sweep folder has {@code sweep.yaml}, a run folder {@code scenario.yaml}, a bench
     * folder the suite file's copy or a {@code results.csv} of a suite.
     *
     * @throws NotReportable when it is none of them, naming it and what was expected
     */
    public static Kind kind(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NotReportable("report: no folder " + folder);
        }
        if (Files.isRegularFile(folder.resolve(Tuner.SWEEP_FILE))) {
            return Kind.SWEEP;
        }
        if (Files.isRegularFile(folder.resolve(RunFolder.SCENARIO))) {
            return Kind.RUN;
        }
        if (Files.isRegularFile(folder.resolve(Bench.SUITE_FILE)) || suiteResults(folder)) {
            return Kind.SUITE;
        }
        throw new NotReportable("report: " + folder + " is not a folder jdive wrote: expected a run folder (with "
                + RunFolder.SCENARIO + "), a bench folder (with " + Bench.SUITE_FILE + " or a suite's results.csv) or a "
                + "sweep folder (with " + Tuner.SWEEP_FILE + ")");
    }

    /** Whether the folder holds a suite's {@code results.csv} (a bench folder from before the suite file was kept). */
    private static boolean suiteResults(Path folder) throws IOException {
        Path csv = folder.resolve("results.csv");
        if (!Files.isRegularFile(csv)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.findFirst().orElse("").startsWith("scenario,backend,seed,");
        }
    }

    /**
     * Writes {@code report.html} into {@code folder} and, for a suite or a sweep, into each of its runs.
     *
     * @throws NotReportable when the folder is not one jdive wrote
     * @throws IOException   when a file cannot be read or the report cannot be written (naming the file)
     */
    public static Written write(Path folder) throws IOException {
        Kind kind = kind(folder);
        folder = folder.toAbsolutePath().normalize(); // "." has a name too
        String title = folder.getFileName().toString();
        return switch (kind) {
            case RUN -> new Written(kind, write(folder, RunPage.page(folder)), 0);
            case SUITE -> {
                List<Path> runs = runsIn(folder);
                for (Path run : runs) {
                    write(run, RunPage.page(run).up("../" + FILE, title));
                }
                yield new Written(kind, write(folder, BenchPage.page(folder, runs)), runs.size());
            }
            case SWEEP -> {
                List<Path> runs = runsIn(folder.resolve(Tuner.TRIALS));
                for (Path run : runs) {
                    write(run, RunPage.page(run).up("../../" + FILE, title));
                }
                yield new Written(kind, write(folder, SweepPage.page(folder, runs)), runs.size());
            }
        };
    }

    private static Path write(Path folder, Page page) throws IOException {
        new RunFolder(folder).writeAtomically(FILE, page.render());
        return folder.resolve(FILE);
    }

    /** The run folders directly in {@code dir}, by name. */
    private static List<Path> runsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(RunFolder.SCENARIO))).sorted().toList();
        }
    }
}
