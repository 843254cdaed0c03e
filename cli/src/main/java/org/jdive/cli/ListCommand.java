package org.jdive.cli;

import java.io.PrintWriter;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Envs;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.Trainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jdive list}: what a scenario can name. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the environments, agents, models and backends a scenario can name.")
final class ListCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Environments (env.id):");
        for (EnvSpec e : Envs.list()) {
            out.printf("  %-28s %s%n", e.id(), e.description());
        }
        for (String section : new String[] {"agent", "model"}) {
            out.printf("%n%s (%s.kind):%n", section.equals("agent") ? "Agents" : "Models", section);
            for (TrainerKind k : Trainers.all()) {
                if (k.section().equals(section)) {
                    out.printf("  %-28s %s%n", k.name(), k.description());
                }
            }
            if (Trainers.names(section).isEmpty()) {
                out.println("  (none on the class path yet)");
            }
        }
        out.printf("%nBackends (backend):%n");
        for (String name : Backends.names()) {
            out.printf("  %-28s %s%n", name, describe(name));
        }
        out.flush();
    }

    private static String describe(String name) {
        if (name.equals("auto")) {
            return "OpenCL on a GPU when there is one, else the CPU";
        }
        try {
            Backend b = Backends.get(name);
            return b.description();
        } catch (RuntimeException e) {
            return "unavailable: " + e.getMessage();
        }
    }
}
