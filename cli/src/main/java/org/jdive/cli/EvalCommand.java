package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jdive.cli.run.RunFolder;
import org.jdive.cli.scenario.Scenario;
import org.jdive.cli.scenario.ScenarioLoader;
import org.jdive.cli.train.Trainer;
import org.jdive.cli.train.TrainerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive eval RUN}: evaluates a run's latest checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the latest checkpoint of a run: greedy episodes, mean ± std of the return.")
final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (runs/<scenario>-<timestamp>).")
    Path run;

    @Option(names = "--episodes", paramLabel = "N", description = "Episodes (default: the scenario's eval.episodes).")
    Integer episodes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = Main.openRun(run);
        List<String> sets = episodes == null ? List.of() : List.of("eval.episodes=" + episodes);
        Scenario scenario = ScenarioLoader.load(folder.scenario(), sets);
        Path checkpoint = folder.latestCheckpoint().orElseThrow(
                () -> new Main.UsageException(run + " has no checkpoint to evaluate yet"));
        try (Trainer trainer = scenario.kind().create(scenario)) {
            trainer.restore(TrainerState.read(checkpoint));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s after %d %s:%n", scenario.name(), trainer.done(), scenario.kind().unit());
            trainer.evaluate().forEach((k, v) -> out.printf(Locale.ROOT, "  %-12s %.4f%n", k, v));
            out.flush();
        }
        return 0;
    }
}
