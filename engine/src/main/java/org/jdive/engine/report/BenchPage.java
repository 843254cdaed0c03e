package org.jdive.engine.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdive.engine.Bench;
import org.jdive.engine.RunPlots;
import org.jdive.engine.Suite;
import org.jdive.engine.scenario.ScenarioException;

/**
 * The report of a bench folder ({@code jdive bench}): the suite's results table, its results beside the published
 * figures the suite file gives, the suite's plots, its runs (each linked to its own report) and the suite file.
 */
final class BenchPage {

    private BenchPage() {
    }

    static Page page(Path folder, List<Path> runs) throws IOException {
        String name = folder.getFileName().toString().replaceFirst("^bench-", "").replaceFirst("-\\d{8}-\\d{6}(-\\d+)?$", "");
        Html results = Parts.markdownTable(folder, "results.md");
        return new Page(name, "suite", List.of(folder.getFileName().toString(), runs.size() + " runs"))
                .section("results", "Results", results != null ? results
                        : Html.note("No results.md yet: the suite has not ended (jdive bench SUITE --resume continues it)."))
                .section("published", "Against published figures", published(folder))
                .section("plots", "Plots", Parts.figures(folder, plots(folder), Parts::stem, Parts.Grid.PLOTS))
                .section("runs", "Runs", Parts.runs(folder, runs))
                .section("suite", "Suite file", Parts.file(folder, Bench.SUITE_FILE));
    }

    /**
     * The plots scenario by scenario in the order of the results ({@code curve-<scenario>.png}, then its
     * {@code -return} curve), any other ({@code speed.png}) after them by name.
     */
    static List<Path> plots(Path folder) throws IOException {
        String csv = Parts.read(folder.resolve("results.csv"));
        Tables.Table results = csv == null ? new Tables.Table(List.of(), List.of()) : Tables.csv(csv);
        List<String> order = new ArrayList<>();
        results.rows().stream().map(r -> results.cell(r, "scenario")).distinct().forEach(s -> {
            order.add("curve-" + s);
            order.add("curve-" + s + "-return");
        });
        return Parts.ordered(Parts.files(folder, RunPlots.FOLDER, ".png"), order);
    }

    /**
     * The suite's published figures beside jdive's (mean ± std over seeds, per backend, from {@code results.csv});
     * null when the suite gives none, or the folder holds no copy of the suite file.
     */
    static Html published(Path folder) throws IOException {
        if (Parts.read(folder.resolve(Bench.SUITE_FILE)) == null) {
            return null;
        }
        Suite suite;
        try {
            suite = Suite.load(folder.resolve(Bench.SUITE_FILE));
        } catch (ScenarioException e) {
            return Html.note("The copy of the suite file cannot be read: " + e.getMessage());
        }
        if (suite.published().isEmpty()) {
            return null;
        }
        String csv = Parts.read(folder.resolve("results.csv"));
        Tables.Table results = csv == null ? new Tables.Table(List.of(), List.of()) : Tables.csv(csv);
        List<List<Html>> rows = new ArrayList<>();
        suite.published().forEach((scenario, p) -> {
            Map<String, List<List<String>>> byBackend = new LinkedHashMap<>();
            for (List<String> row : results.rows()) {
                if (results.cell(row, "scenario").equals(scenario) && results.cell(row, "skipped").isEmpty()) {
                    byBackend.computeIfAbsent(results.cell(row, "backend"), k -> new ArrayList<>()).add(row);
                }
            }
            String column = p.figure().equals(Suite.TRAINING) ? "late_return" : "value";
            String published = Double.isNaN(p.std()) ? format(p.value())
                    : format(p.value()) + " ± " + format(p.std());
            if (byBackend.isEmpty()) {
                rows.add(List.of(Html.text(scenario), Html.text("–"), Html.text("0"), Html.text(figure(p, results, List.of())),
                        Html.text("not run yet"), Html.text(published), Html.text(p.source())));
            }
            byBackend.forEach((backend, seeds) -> rows.add(List.of(Html.text(scenario), Html.text(backend),
                    Html.text(Integer.toString(seeds.size())), Html.text(figure(p, results, seeds)),
                    Html.text(meanAndStd(seeds.stream().mapToDouble(r -> parse(results.cell(r, column))).toArray())),
                    Html.text(published), Html.text(p.source()))));
        });
        return Html.of(Html.table(List.of("scenario", "backend", "seeds", "figure", "jdive (mean ± std over seeds)",
                        "published", "source"), rows),
                Html.note("From results.csv and the published: figures of the suite file. \"training\": the training "
                        + "return over the last tenth of the budget; \"evaluation\": the final evaluation's headline metric."));
    }

    private static String figure(Suite.Published p, Tables.Table results, List<List<String>> seeds) {
        if (p.figure().equals(Suite.TRAINING)) {
            return "training return, last 10%";
        }
        return seeds.isEmpty() ? "final evaluation" : "final evaluation: " + results.cell(seeds.getFirst(), "metric");
    }

    /** {@code mean ± std} as the suite's table gives it (the population std), "–" where a seed lacks the figure. */
    static String meanAndStd(double[] v) {
        if (v.length == 0 || Arrays.stream(v).anyMatch(Double::isNaN)) {
            return "–";
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow());
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }
}
