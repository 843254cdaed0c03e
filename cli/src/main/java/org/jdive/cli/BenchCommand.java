package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdive.engine.Bench;
import org.jdive.engine.Executor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Suite;
import org.jdive.engine.scenario.Scenario;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive bench SUITE} and {@code jdive bench SUITE --resume BENCH}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a suite (scenarios × seeds × backends) and print a results table.",
                "Writes runs/bench-<suite>-<timestamp>/ with a run folder per run, suite.yaml (a copy of SUITE), "
                        + "results.csv, results.md and plots/ "
                        + "(each scenario's curve, mean and min-max over seeds per backend; the backends' speeds; with the "
                        + "suite's plot.together, every scenario's curve of a metric in one chart, curves-<metric>.png).",
                "Ctrl-C writes a checkpoint of each run under way; --resume continues the suite: runs that ended are kept, "
                        + "a stopped one continues from its latest checkpoint, the rest start."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "A suite file, e.g. scenarios/suites/tabular.yaml.")
    Path suiteFile;

    static final class Target {
        @Option(names = "--runs", paramLabel = "DIR", description = "Where the bench folder goes (default: " + Main.RUNS_HELP + ").")
        Path runs;

        @Option(names = "--resume", paramLabel = "BENCH", description = "Continue the suite in this bench folder.")
        Path resume;
    }

    @ArgGroup
    Target target = new Target();

    @Mixin
    ExecutorOptions executors = new ExecutorOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Suite suite = Suite.load(Main.existingFile(suiteFile, "bench", "suite file"));
        List<Scenario> scenarios = Bench.resolve(suite);
        if (target.resume != null && !Files.isDirectory(target.resume)) {
            throw new Main.UsageException("bench --resume: no bench folder " + target.resume);
        }
        Path runs = ExecutorOptions.localRuns(target.runs, "bench");
        Executor runner = executors.create("bench");
        RunFolder folder;
        if (target.resume != null) {
            folder = new RunFolder(target.resume);
        } else {
            folder = RunFolder.create(runs, "bench-" + suite.name());
        }
        if (!Files.exists(folder.path().resolve(Bench.SUITE_FILE))) { // a bench folder from before it kept one
            folder.writeAtomically(Bench.SUITE_FILE, Files.readString(suiteFile));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("suite %s: %d runs -> %s%n", suite.name(), scenarios.size(), folder.path());
        out.flush();
        out.println();
        try (GracefulStop stop = GracefulStop.install(); runner) {
            Bench.Report report = Bench.run(scenarios, suite.plot(), folder, out, stop.requested(), runner);
            if (report.stopped()) {
                out.printf("%nstopped; continue with: jdive bench %s --resume %s%n", suiteFile, folder.path());
                out.flush();
                return Main.INTERRUPTED;
            }
            out.print(report.table());
            out.flush();
            return 0;
        }
    }
}
