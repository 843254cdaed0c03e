package org.jdive.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jdive translate RUN TEXT}: a translation model's sample for one sentence, the same as
 * {@code jdive sample RUN --option source=TEXT} (and {@code --option beam=K} for {@code --beam K}).
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Translate TEXT with a checkpoint of a translation model's run (model.kind: seq2seq), greedily or "
                + "by beam search; prints the translation and writes it (and, greedy, the attention heat map) to "
                + "RUN/samples. The same as: jdive sample RUN --option source=TEXT.")
final class TranslateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder of a translation model.")
    Path run;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The sentence, e.g. \"i'm home .\" (D2L's tokens: "
            + "punctuation apart).")
    String text;

    @Option(names = "--beam", paramLabel = "K", description = "Beam search with K hypotheses (default: greedy).")
    String beam;

    @Option(names = "--checkpoint", paramLabel = "latest|UNITS", description = "Which checkpoint: latest (default), "
            + "or a number of epochs done.")
    String checkpoint;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write it (default: RUN/samples).")
    Path outDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SampleCommand sample = new SampleCommand();
        sample.run = run;
        sample.count = 1;
        sample.options.put("source", text);
        if (beam != null) {
            sample.options.put("beam", beam);
        }
        sample.checkpoint = checkpoint;
        sample.outDir = outDir;
        sample.spec = spec;
        return sample.call();
    }
}
