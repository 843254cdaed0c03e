package org.jdive.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jdive doctor}. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show the Java runtime, threads, tensor backends and what the optional modules report.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Doctor.run(spec.commandLine().getOut());
    }
}
