package org.jdive.engine.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdive.engine.MetricsTable;
import org.jdive.engine.RunFolder;
import org.jdive.engine.RunPlots;
import org.jdive.engine.chart.LineChart;

/**
 * What a sweep leaves in its folder besides the runs: {@code results.csv} and {@code results.md} (each trial's
 * configuration, the budget it reached, its metric there — "diverged" for a run stopped by NaN or infinity — and its
 * wall time, best first), {@code best.yaml} (the best
 * configuration as a scenario ready to run), and {@code plots/}: {@code best-so-far.png} (the incumbent's metric
 * against the sweep's wall time, as D2L 19.2 draws it) and {@code trials.png} (each trial's evaluations over its
 * budget, coloured by the last rung it reached, as D2L 19.4 draws successive halving).
 */
final class SweepReport {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    private SweepReport() {
    }

    /** Each trial's last (highest-budget) result, best first: those that went furthest, then by error. */
    static List<TrialResult> latestPerTrial(List<TrialResult> results) {
        Map<Integer, TrialResult> last = new LinkedHashMap<>();
        for (TrialResult r : results) {
            last.merge(r.job().trial(), r, (a, b) -> b.job().budget() >= a.job().budget() ? b : a);
        }
        List<TrialResult> rows = new ArrayList<>(last.values());
        rows.sort(Comparator.comparingLong((TrialResult r) -> -r.job().budget()).thenComparingDouble(TrialResult::error)
                .thenComparingInt(r -> r.job().trial()));
        return rows;
    }

    /** Writes the results, the best configuration and the plots; returns the markdown table. */
    static String write(Sweep sweep, Path folder, List<TrialResult> results) throws IOException {
        List<TrialResult> rows = latestPerTrial(results);
        Map<Integer, Double> seconds = new LinkedHashMap<>();
        results.forEach(r -> seconds.merge(r.job().trial(), r.seconds(), Double::sum));
        List<String> keys = List.copyOf(sweep.space().keySet());

        StringBuilder csv = new StringBuilder("trial");
        keys.forEach(k -> csv.append(',').append(k));
        csv.append(",budget,").append(sweep.metric()).append(",wall_s\n");
        StringBuilder md = new StringBuilder("| trial | ");
        keys.forEach(k -> md.append(k).append(" | "));
        md.append(sweep.unit()).append(" | ").append(sweep.metric()).append(" | wall s |\n|");
        md.append("---|".repeat(keys.size() + 4)).append('\n');
        for (TrialResult r : rows) {
            double wall = seconds.get(r.job().trial());
            csv.append(r.job().trial());
            keys.forEach(k -> csv.append(',').append(r.job().config().get(k)));
            csv.append(String.format(Locale.ROOT, ",%d,%s,%.3f%n", r.job().budget(), r.value(), wall));
            md.append("| ").append(r.job().trial()).append(" | ");
            keys.forEach(k -> md.append(r.job().config().get(k)).append(" | "));
            String value = Double.isNaN(r.value()) ? "diverged" : String.format(Locale.ROOT, "%.4f", r.value());
            md.append(String.format(Locale.ROOT, "%,d | %s | %.1f |%n", r.job().budget(), value, wall));
        }
        RunFolder out = new RunFolder(folder);
        out.writeAtomically("results.csv", csv.toString());
        out.writeAtomically("results.md", md.toString());
        if (!rows.isEmpty()) {
            TrialResult best = rows.getFirst();
            out.writeAtomically("best.yaml", String.format(Locale.ROOT,
                    "# The best configuration of sweep %s: trial %d, %s %.4f at %,d %s (mean over seeds %s).%n",
                    sweep.name(), best.job().trial(), sweep.metric(), best.value(), best.job().budget(), sweep.unit(),
                    sweep.seeds()) + sweep.trial(best.job().config(), sweep.seeds().getFirst()).toYaml());
            plots(sweep, folder, results, rows);
        }
        return md.toString();
    }

    private static void plots(Sweep sweep, Path folder, List<TrialResult> results, List<TrialResult> rows)
            throws IOException {
        Path plots = folder.resolve(RunPlots.FOLDER);
        Files.createDirectories(plots);
        double[] at = new double[results.size()];
        double[] best = new double[results.size()];
        double incumbent = Double.POSITIVE_INFINITY;
        for (int i = 0; i < results.size(); i++) {
            incumbent = Math.min(incumbent, results.get(i).error());
            at[i] = results.get(i).at();
            best[i] = sweep.maximize() ? -incumbent : incumbent;
        }
        List<Integer> finite = new ArrayList<>();
        for (int i = 0; i < best.length; i++) {
            if (Double.isFinite(best[i])) {
                finite.add(i);
            }
        }
        if (!finite.isEmpty()) {
            new LineChart(sweep.name() + ": the best " + sweep.metric() + " so far", "wall time (s)", sweep.metric())
                    .add(sweep.searcher(), finite.stream().mapToDouble(i -> at[i]).toArray(),
                            finite.stream().mapToDouble(i -> best[i]).toArray())
                    .writePng(plots.resolve("best-so-far.png"), WIDTH, HEIGHT);
        }
        List<Long> rungs = rows.stream().map(r -> r.job().budget()).distinct().sorted().toList();
        LineChart trials = new LineChart(sweep.name() + ": each trial's evaluations (seed " + sweep.seeds().getFirst() + ")",
                sweep.unit(), sweep.metric());
        boolean any = false;
        for (TrialResult r : rows.stream().sorted(Comparator.comparingLong((TrialResult r) -> r.job().budget())
                .thenComparingInt(r -> r.job().trial())).toList()) { // rung by rung, so the legend goes up the rungs
            Path evals = Tuner.trialFolder(folder, r.job().trial(), sweep.seeds().getFirst()).path().resolve("eval.csv");
            MetricsTable.Curve curve = MetricsTable.read(evals).curve(sweep.metric());
            if (curve.x().length == 0) {
                continue;
            }
            String group = rungs.size() > 1 ? String.format(Locale.ROOT, "rung %d: to %,d", rungs.indexOf(r.job().budget()),
                    r.job().budget()) : "trials";
            trials.addToGroup("trial " + r.job().trial(), curve.x(), curve.y(), group);
            any = true;
        }
        if (any) {
            trials.writePng(plots.resolve("trials.png"), WIDTH, HEIGHT);
        }
    }
}
