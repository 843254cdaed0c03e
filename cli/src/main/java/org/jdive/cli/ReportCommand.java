package org.jdive.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jdive.engine.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive report FOLDER}: a self-contained report.html of a run, bench or sweep folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html into a run, bench or sweep folder: the scenario, the summary, the tables, "
                + "every plot and GIF, and for a suite its results beside the published figures the suite file gives.",
                "A bench's or sweep's runs each get their own report.html, linked from the folder's. The page loads "
                        + "nothing from the network: open it from the folder, or copy the folder with it."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FOLDER", description = "A run, bench or sweep folder.")
    Path folder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Report.Written written;
        try {
            written = Report.write(folder);
        } catch (Report.NotReportable e) {
            throw new Main.UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("report: " + written.report() + (written.runReports() > 0
                ? " (and one for each of its " + written.runReports() + " runs)" : ""));
        out.flush();
        return 0;
    }
}
