package org.jdive.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jdive version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the jdive version.")
final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("jdive " + Main.version());
    }
}
