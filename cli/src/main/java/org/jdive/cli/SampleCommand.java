package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jdive.engine.RunFolder;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdive sample RUN}: samples from a checkpoint of a generative model's run, shows a classifier's predictions on
 * test images drawn at random, or continues a language model's prefix ({@link Sampler}).
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples (e.g. a PNG grid) from a checkpoint of a generative model's run (the latest by default); "
                + "for a classifier, a grid of test images drawn at random, each captioned with its true and predicted "
                + "class, wrong ones in red (D2L's figure), and a grid of mispredicted ones; for a language model, --prefix "
                + "continued by N tokens (printed, and written as a text file).")
final class SampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder of a model.kind scenario.")
    Path run;

    @Option(names = {"-n", "--n", "--count"}, paramLabel = "N", defaultValue = "64",
            description = "Samples to draw, test images to show, or tokens to predict (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the latent noise, or of the "
            + "choice of test images (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "The text a language model continues (default: "
            + "its own, e.g. D2L's \"time traveller\"; the same as --option prefix=TEXT).")
    String prefix;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write them (default: RUN/samples).")
    Path outDir;

    @Option(names = "--checkpoint", paramLabel = "latest|UNITS", description = "Which checkpoint: latest, or a number "
            + "of epochs done (e.g. 3). Default: latest (GAN runs keep no best checkpoint: their evaluations have no "
            + "single score to rank by).")
    String checkpoint;

    @Option(names = "--label", paramLabel = "K", description = "For a class-conditional model: draw every sample of "
            + "class K (the same as --option label=K).")
    String label;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "An option of the model's sampling, passed to its "
            + "kind (which says which it takes); repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new Main.UsageException("sample: --n must be >= 1, got " + count);
        }
        RunFolder folder = Main.openRun(run);
        Scenario scenario = ScenarioLoader.load(folder.scenario(), List.of());
        try (Trainer trainer = scenario.kind().create(scenario)) {
            return sample(trainer, scenario, folder);
        }
    }

    private int sample(Trainer trainer, Scenario scenario, RunFolder folder) throws Exception {
        if (!(trainer instanceof Sampler sampler)) {
            throw new Main.UsageException("sample: " + run + " trained " + scenario.kind().section() + ".kind "
                    + scenario.kind().name() + ", which draws no samples; sample works on generative models and classifiers (model.kind)");
        }
        trainer.restore(Main.loadCheckpoint(folder, checkpoint, spec.commandLine().getErr()).state());
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> given = new LinkedHashMap<>(options);
        if (label != null) {
            given.put("label", label);
        }
        if (prefix != null) {
            given.put("prefix", prefix);
        }
        List<Path> files;
        try {
            files = sampler.sample(count, seed, given, outDir != null ? outDir : folder.path().resolve("samples"));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("sample: " + scenario.kind().name() + ": " + e.getMessage());
        }
        for (Path file : files) {
            out.println(file);
            if (file.getFileName().toString().endsWith(".txt")) {
                out.print(Files.readString(file));
            }
        }
        out.flush();
        return 0;
    }
}
