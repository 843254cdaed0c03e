package org.jdive.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jdive demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train D2L's linear regression and a small MLP on the tensor core, printing the losses.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "N", description = "The seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Demo.run(seed, spec.commandLine().getOut());
    }
}
