package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdive.cli.run.Bench;
import org.jdive.cli.run.RunFolder;
import org.jdive.cli.run.Suite;
import org.jdive.cli.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive bench SUITE}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a suite (scenarios × seeds × backends) and print a results table.",
                "Writes runs/bench-<suite>-<timestamp>/ with a run folder per run, results.csv, results.md and plots/ "
                        + "(each scenario's curve, mean and min-max over seeds per backend; the backends' speeds)."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "A suite file, e.g. scenarios/suites/tabular.yaml.")
    Path suiteFile;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(suiteFile)) {
            throw new Main.UsageException("bench: no suite file " + suiteFile);
        }
        Suite suite = Suite.load(suiteFile);
        List<Scenario> scenarios = Bench.resolve(suite);
        RunFolder folder = RunFolder.create(runs, "bench-" + suite.name());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("suite %s: %d runs -> %s%n", suite.name(), scenarios.size(), folder.path());
        out.flush();
        out.println();
        out.print(Bench.run(scenarios, folder, out));
        out.flush();
        return 0;
    }
}
