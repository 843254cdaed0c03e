package org.jdive.cli;

import org.jdive.engine.scenario.SchemaDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jdive scenario-docs}: prints {@code scenarios/README.md}, generated from the schema. */
@Command(name = "scenario-docs", mixinStandardHelpOptions = true,
        description = "Print the scenario reference (scenarios/README.md) generated from the schema.")
final class ScenarioDocsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(SchemaDocs.markdown());
        spec.commandLine().getOut().flush();
    }
}
