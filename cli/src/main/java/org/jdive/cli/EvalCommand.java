package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jdive.agents.Actor;
import org.jdive.cli.play.EpisodeGif;
import org.jdive.engine.RunFolder;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Reporter;
import org.jdive.engine.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdive eval RUN}: evaluates a run's best (or latest, or chosen) checkpoint, and prints and writes the report of
 * a kind that makes one ({@link Reporter}: a classifier's confusion matrix).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a run's checkpoint (the best one by default): an agent's greedy (or ε-greedy) episodes, "
                + "mean ± std of the return; a model's evaluation metrics, and its report where its kind makes one "
                + "(a classifier: test accuracy and the confusion matrix, also written as confusion.csv and confusion.png).")
final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder (runs/<scenario>-<timestamp>).")
    Path run;

    @Option(names = "--episodes", paramLabel = "N", description = "Episodes (default: the scenario's eval.episodes).")
    Integer episodes;

    @Option(names = "--epsilon", paramLabel = "E", description = "ε of the episodes: 0 greedy, e.g. 0.05 as "
            + "Mnih et al. (default: the scenario's eval.epsilon).")
    Double epsilon;

    @Option(names = "--checkpoint", paramLabel = "best|latest|UNITS", description = Main.CHECKPOINT_HELP)
    String checkpoint;

    @Option(names = "--gif", paramLabel = "FILE.gif", description = "Also record the first evaluation episode "
            + "(the same seed, the same policy) to an animated GIF.")
    Path gif;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report's files, for kinds that "
            + "make one (default: the run folder).")
    Path outDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = Main.openRun(run);
        List<String> sets = new ArrayList<>();
        if (episodes != null) {
            sets.add("eval.episodes=" + episodes);
        }
        if (epsilon != null) {
            sets.add("eval.epsilon=" + epsilon);
        }
        Scenario scenario = ScenarioLoader.load(folder.scenario(), sets);
        RunFolder.Loaded state = Main.loadCheckpoint(folder, checkpoint, spec.commandLine().getErr());
        try (Trainer trainer = scenario.kind().create(scenario)) {
            trainer.restore(state.state());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s after %d %s (checkpoint %s):%n", scenario.name(), trainer.done(), scenario.kind().unit(),
                    folder.path().relativize(state.file()));
            trainer.evaluate().forEach((k, v) -> out.printf(Locale.ROOT, "  %-12s %.4f%n", k, v));
            if (trainer instanceof Reporter reporter) {
                Reporter.Report report = reporter.report(outDir != null ? outDir : folder.path());
                if (!report.text().isEmpty()) {
                    out.println();
                    out.println(report.text());
                }
                report.files().forEach(f -> out.println("wrote " + f));
            }
            if (gif != null) {
                if (!(trainer instanceof Actor actor)) {
                    throw new Main.UsageException("eval --gif: " + scenario.kind().name() + " has no agent to watch");
                }
                int steps = EpisodeGif.record(scenario, actor, gif);
                out.printf("recorded the first evaluation episode (%d steps) to %s%n", steps, gif);
            }
            out.flush();
        }
        return 0;
    }
}
