package org.jdive.engine.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jdive.engine.RunPlots;
import org.jdive.engine.sweep.Tuner;

/**
 * The report of a sweep folder ({@code jdive sweep}): every trial's result, the best configuration, the sweep's plots
 * (the best so far against time, each trial's evaluations), the trials' runs (each linked to its own report) and the
 * sweep file.
 */
final class SweepPage {

    private SweepPage() {
    }

    static Page page(Path folder, List<Path> runs) throws IOException {
        String name = folder.getFileName().toString().replaceFirst("^sweep-", "").replaceFirst("-\\d{8}-\\d{6}(-\\d+)?$", "");
        Html trials = Parts.markdownTable(folder, "results.md");
        return new Page(name, "sweep", List.of(folder.getFileName().toString(), runs.size() + " runs"))
                .section("trials", "Trials", trials != null ? trials
                        : Html.note("No results.md yet: no trial has reported (jdive sweep FILE --resume continues it)."))
                .section("best", "Best configuration", Parts.file(folder, "best.yaml"))
                .section("plots", "Plots", Parts.figures(folder, Parts.files(folder, RunPlots.FOLDER, ".png"),
                        Parts::stem, Parts.Grid.PLOTS))
                .section("runs", "Runs", Parts.runs(folder, runs))
                .section("sweep", "Sweep file", Parts.file(folder, Tuner.SWEEP_FILE));
    }
}
