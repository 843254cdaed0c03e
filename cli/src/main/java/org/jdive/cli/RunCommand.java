package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jdive.core.backend.Backends;
import org.jdive.engine.Progress;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive run FILE} and {@code jdive run --resume RUN}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train a scenario headless, writing a run folder runs/<scenario>-<timestamp>/ "
                + "(resolved scenario, metrics CSV and JSON lines, checkpoints, summary).",
                "Ctrl-C writes a checkpoint; --resume continues from it exactly."})
final class RunCommand implements Callable<Integer> {

    static final class Target {
        @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
        Path file;

        @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its latest checkpoint.")
        Path resume;
    }

    @ArgGroup(multiplicity = "1")
    Target target;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of the scenario (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "DIR", description = "Where run folders go (default: " + Main.RUNS_HELP + ").")
    Path runs;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RunFolder folder;
        Scenario scenario;
        if (target.resume != null) {
            if (!sets.isEmpty()) {
                throw new Main.UsageException("run --resume continues a run as it was; --set cannot change it");
            }
            folder = Main.openRun(target.resume);
            scenario = ScenarioLoader.load(folder.scenario(), List.of());
        } else {
            scenario = ScenarioLoader.load(Main.existingFile(target.file, "run", "scenario file"), sets);
            folder = RunFolder.create(runs != null ? runs : Main.defaultRuns(), scenario.name());
            Runner.writeScenario(scenario, folder);
        }
        Backends.setDefault(Backends.get(scenario.text("backend")));
        try (GracefulStop stop = GracefulStop.install(); Runner runner = new Runner(scenario, folder, stop.requested())) {
            PrintWriter err = spec.commandLine().getErr();
            runner.onWarning(w -> {
                err.println("warning: " + w);
                err.flush();
            });
            long resumedAt = target.resume != null ? runner.resume() : 0;
            out.printf("%s %s (%s, seed %d) -> %s%n", target.resume != null ? "resuming" : "running", scenario.name(),
                    scenario.kind().name(), scenario.seed(), folder.path());
            if (resumedAt > 0) {
                out.printf("continuing after %d %s%n", resumedAt, scenario.kind().unit());
            }
            out.flush();
            if (!quiet) {
                runner.addListener(Progress.listener(out, scenario, runner.trainer().budget(), resumedAt));
            }
            Runner.Result result = runner.run();
            report(out, scenario, folder, result);
            return result.diverged() != null ? 1 : result.stopped() ? Main.INTERRUPTED : 0;
        }
    }

    private static void report(PrintWriter out, Scenario scenario, RunFolder folder, Runner.Result result) {
        if (result.diverged() != null) {
            out.printf("%ndiverged: %s. The run stopped; its last good checkpoint stays the one to resume from "
                    + "(jdive run --resume %s), and the summary says \"diverged\".%n", result.diverged(), folder.path());
        } else if (result.stopped()) {
            out.printf("%nstopped after %d %s; checkpoint written. Continue with: jdive run --resume %s%n",
                    result.done(), scenario.kind().unit(), folder.path());
        } else {
            StringBuilder eval = new StringBuilder();
            result.evaluation().forEach((k, v) -> eval.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
            String early = result.reachedStopAt() ? String.format(Locale.ROOT, " (an evaluation reached eval.stop_at %s)",
                    scenario.number("eval.stop_at")) : "";
            out.printf(Locale.ROOT, "done: %d %s in %.1f s%s; evaluation:%s%nrun folder: %s%n", result.done(),
                    scenario.kind().unit(), result.seconds(), early, eval, folder.path());
        }
        out.flush();
    }
}
