package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jdive.engine.Executor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.sweep.Sweep;
import org.jdive.engine.sweep.Tuner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive sweep FILE} and {@code jdive sweep FILE --resume SWEEP}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Search hyperparameters (D2L ch. 19): a base scenario, a space over its keys, a metric, and a "
                + "searcher: grid, random, successive-halving or asha.",
                "Writes runs/sweep-<name>-<timestamp>/: a run folder per trial and seed under trials/, journal.jsonl, "
                        + "results.csv, results.md, best.yaml (the best configuration, ready to run) and plots/.",
                "Ctrl-C checkpoints the jobs under way; --resume continues the sweep: jobs that reported are kept, the "
                        + "others continue from their checkpoints, and the searcher goes on as it would have."})
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A sweep file, e.g. scenarios/sweeps/cartpole-dqn.yaml.")
    Path file;

    static final class Target {
        @Option(names = "--runs", paramLabel = "DIR", description = "Where the sweep folder goes (default: " + Main.RUNS_HELP + ").")
        Path runs;

        @Option(names = "--resume", paramLabel = "SWEEP", description = "Continue the sweep in this sweep folder.")
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
        Path sweepFile = Main.existingFile(file, "sweep", "sweep file");
        Sweep sweep = Sweep.load(sweepFile);
        if (target.resume != null && !Files.isRegularFile(target.resume.resolve(Tuner.SWEEP_FILE))) {
            throw new Main.UsageException("sweep --resume: " + target.resume + " is not a sweep folder (no sweep.yaml)");
        }
        Path runs = ExecutorOptions.localRuns(target.runs, "sweep");
        Executor runner = executors.create("sweep");
        Path folder;
        if (target.resume != null) {
            folder = target.resume;
        } else {
            folder = RunFolder.create(runs, "sweep-" + sweep.name()).path();
            new RunFolder(folder).writeAtomically(Tuner.SWEEP_FILE, Files.readString(sweepFile));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sweep %s: %s search over %s, %d trials, %s %s -> %s%n", sweep.name(), sweep.searcher(),
                sweep.space().keySet(), sweep.trials(), sweep.maximize() ? "maximising" : "minimising", sweep.metric(), folder);
        out.flush();
        try (GracefulStop stop = GracefulStop.install(); runner) {
            Tuner.Report report = new Tuner(sweep, folder.toAbsolutePath(), runner, stop.requested(), out).run();
            out.println();
            out.print(report.table());
            if (report.stopped()) {
                out.printf("%nstopped; continue with: jdive sweep %s --resume %s%n", file, folder);
                out.flush();
                return Main.INTERRUPTED;
            }
            out.printf("%nbest configuration: %s%n", folder.resolve("best.yaml"));
            out.flush();
            return 0;
        }
    }
}
