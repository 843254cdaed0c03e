package org.jdive.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdive.engine.MetricsTable.Curve;
import org.jdive.engine.chart.BarChart;
import org.jdive.engine.chart.LineChart;

/**
 * Draws a suite's comparison into the bench folder's {@code plots/}: for each scenario, {@code curve-<scenario>.png},
 * its learning curve over the budget with one line per backend, the mean over seeds, in a band from their minimum to
 * their maximum; and, when runs on several backends finished, {@code speed.png}, each backend's budget units per
 * second for each scenario.
 *
 * <p>The curve is the suite's headline metric where the runs log it over time (the periodic evaluations of
 * {@code eval.csv}, or a column of {@code metrics.csv}, as the GANs log their scores per epoch), else the training
 * return, else the first training metric (a planner's {@code max_change}). Where the headline is the evaluations and
 * the runs log their training return as well, that is drawn too, as {@code curve-<scenario>-return.png}: a
 * reinforcement-learning paper's curves are usually the return of the training episodes, and ten greedy episodes
 * every so often are a noisier measure of the same policy.
 *
 * <p>For each metric the suite asks to see {@link Suite.Plot#together() together}, {@code curves-<metric>.png} holds every
 * scenario's curve of it in one chart, as a book chapter compares its methods (D2L chapter 12's optimisers): a line per
 * scenario (and backend, where several ran), the mean over seeds in their min-max band, read from the training log
 * where it has the column over time, else from the evaluations.
 */
final class SuitePlots {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int TOGETHER_WIDTH = 960;
    private static final int TOGETHER_HEIGHT = 540;

    /** Where a scenario's curves are read: a log of every run folder ({@code eval} or {@code metrics}) and its column. */
    record Source(String log, String column) {

        /** The curve of one run, at the rows where both the budget count and the value are finite. */
        Curve read(Path runFolder) throws IOException {
            return MetricsTable.read(runFolder.resolve(log + ".csv")).curve(column);
        }

        /** The y axis's label: the column, marked when it comes from the evaluations. */
        String describe() {
            return log.equals(Runner.EVAL_LOG) ? "eval " + column : column;
        }
    }

    /**
     * A curve over seeds: at each budget count that any seed logged, the mean, minimum and maximum over the seeds that
     * logged it (a run that ended early, at {@code eval.stop_at} or on convergence, counts until it ended).
     */
    record SeedBand(double[] x, double[] mean, double[] min, double[] max) {

        static SeedBand of(List<Curve> runs) {
            TreeMap<Double, List<Double>> byUnit = new TreeMap<>();
            for (Curve c : runs) {
                for (int i = 0; i < c.x().length; i++) {
                    byUnit.computeIfAbsent(c.x()[i], k -> new ArrayList<>()).add(c.y()[i]);
                }
            }
            int n = byUnit.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] min = new double[n];
            double[] max = new double[n];
            int i = 0;
            for (Map.Entry<Double, List<Double>> e : byUnit.entrySet()) {
                x[i] = e.getKey();
                mean[i] = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                min[i] = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                max[i] = e.getValue().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                i++;
            }
            return new SeedBand(x, mean, min, max);
        }
    }

    private SuitePlots() {
    }

    /** Writes the charts of {@code outcomes} (skipped runs are left out) into {@code bench}'s {@code plots/}. */
    static void write(RunFolder bench, List<Bench.Outcome> outcomes) throws IOException {
        write(bench, outcomes, Suite.Plot.NONE);
    }

    /**
     * Writes the charts of {@code outcomes} and, for each metric {@code plot} asks to see together that some run logs,
     * {@code curves-<metric>.png} (larger than the others: it has a line per scenario).
     */
    static void write(RunFolder bench, List<Bench.Outcome> outcomes, Suite.Plot plot) throws IOException {
        Path plots = bench.path().resolve(RunPlots.FOLDER);
        for (String metric : plot.together()) {
            LineChart chart = together(outcomes, metric);
            if (chart != null) {
                Files.createDirectories(plots);
                chart.logX(plot.logX()).writePng(plots.resolve("curves-" + metric.replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".png"), TOGETHER_WIDTH, TOGETHER_HEIGHT);
            }
        }
        for (Map.Entry<String, List<Bench.Outcome>> scenario : byScenario(outcomes).entrySet()) {
            List<Bench.Outcome> runs = scenario.getValue();
            String name = "curve-" + scenario.getKey().replaceAll("[^A-Za-z0-9._-]", "_");
            List<Source> sources = sources(runs.getFirst());
            for (int i = 0; i < sources.size(); i++) {
                Files.createDirectories(plots);
                String suffix = i == 0 ? "" : "-" + sources.get(i).column();
                curve(scenario.getKey(), runs, sources.get(i)).writePng(plots.resolve(name + suffix + ".png"), WIDTH, HEIGHT);
            }
        }
        BarChart speed = speed(outcomes);
        if (speed != null) {
            Files.createDirectories(plots);
            speed.writePng(plots.resolve("speed.png"), WIDTH, HEIGHT);
        }
    }

    /** One scenario's curve read from {@code source}: a line per backend, the mean over seeds in their min-max band. */
    private static LineChart curve(String scenario, List<Bench.Outcome> runs, Source source) throws IOException {
        LineChart chart = new LineChart(scenario + ", " + seeds(runs) + " seeds", runs.getFirst().unit(), source.describe());
        for (Map.Entry<String, SeedBand> backend : bands(runs, source).entrySet()) {
            SeedBand band = backend.getValue();
            chart.add(backend.getKey() + " (mean, min-max)", band.x(), band.mean(), band.min(), band.max());
        }
        return chart;
    }

    /**
     * Every scenario's curve of {@code metric} in one chart: a line per scenario (named with its backend where several
     * ran), the mean over its seeds in their min-max band; null when no run logs the metric over time.
     */
    static LineChart together(List<Bench.Outcome> outcomes, String metric) throws IOException {
        Map<String, List<Bench.Outcome>> scenarios = byScenario(outcomes);
        long backends = outcomes.stream().filter(o -> o.skipped().isEmpty()).map(Bench.Outcome::backend).distinct().count();
        List<String> units = scenarios.values().stream().map(runs -> runs.getFirst().unit()).distinct().toList();
        long seeds = outcomes.stream().filter(o -> o.skipped().isEmpty()).mapToLong(Bench.Outcome::seed).distinct().count();
        LineChart chart = new LineChart(metric + ", every scenario, " + seeds + (seeds == 1 ? " seed" : " seeds"),
                units.size() == 1 ? units.getFirst() : "budget units (" + String.join(", ", units) + ")", metric);
        int lines = 0;
        for (Map.Entry<String, List<Bench.Outcome>> scenario : scenarios.entrySet()) {
            Source source = overTime(scenario.getValue().getFirst(), metric);
            if (source == null) {
                continue;
            }
            for (Map.Entry<String, SeedBand> backend : bands(scenario.getValue(), source).entrySet()) {
                SeedBand band = backend.getValue();
                String name = backends > 1 ? scenario.getKey() + " (" + backend.getKey() + ")" : scenario.getKey();
                chart.add(name, band.x(), band.mean(), band.min(), band.max());
                lines++;
            }
        }
        return lines == 0 ? null : chart;
    }

    /** Where {@code metric} is logged over time in a run: its training log, else its evaluations; null in neither. */
    static Source overTime(Bench.Outcome run, String metric) throws IOException {
        for (Source s : List.of(new Source(Runner.METRICS_LOG, metric), new Source(Runner.EVAL_LOG, metric))) {
            if (s.read(run.folder()).x().length >= 2) {
                return s;
            }
        }
        return null;
    }

    /** The runs that ran, by scenario, in the suite's order. */
    private static Map<String, List<Bench.Outcome>> byScenario(List<Bench.Outcome> outcomes) {
        Map<String, List<Bench.Outcome>> groups = new LinkedHashMap<>();
        outcomes.stream().filter(o -> o.skipped().isEmpty())
                .forEach(o -> groups.computeIfAbsent(o.scenario(), k -> new ArrayList<>()).add(o));
        return groups;
    }

    private static long seeds(List<Bench.Outcome> runs) {
        return runs.stream().mapToLong(Bench.Outcome::seed).distinct().count();
    }

    /** The curve of each backend's runs of one scenario, read from {@code source}, over its seeds. */
    static Map<String, SeedBand> bands(List<Bench.Outcome> runs, Source source) throws IOException {
        Map<String, List<Curve>> curves = new LinkedHashMap<>();
        for (Bench.Outcome run : runs) {
            Curve curve = source.read(run.folder());
            if (curve.x().length > 0) {
                curves.computeIfAbsent(run.backend(), k -> new ArrayList<>()).add(curve);
            }
        }
        Map<String, SeedBand> bands = new LinkedHashMap<>();
        curves.forEach((backend, c) -> bands.put(backend, SeedBand.of(c)));
        return bands;
    }

    /**
     * The curves to draw for a scenario, judged on one of its runs: its {@link #source}, and the training return as
     * well where the source is the evaluations and the training log has a return curve; empty where there is no source.
     */
    static List<Source> sources(Bench.Outcome run) throws IOException {
        Source headline = source(run);
        if (headline == null) {
            return List.of();
        }
        Source training = new Source(Runner.METRICS_LOG, "return");
        boolean both = headline.log().equals(Runner.EVAL_LOG) && training.read(run.folder()).x().length >= 2;
        return both ? List.of(headline, training) : List.of(headline);
    }

    /**
     * Where a scenario's curve is read, judged on one of its runs: the first of the headline metric in
     * {@code eval.csv} and in {@code metrics.csv}, the training {@code return}, and the first training metric that has
     * two points or more; null when none has (a run of a single chunk).
     */
    static Source source(Bench.Outcome run) throws IOException {
        List<Source> candidates = new ArrayList<>(List.of(new Source(Runner.EVAL_LOG, run.metric()),
                new Source(Runner.METRICS_LOG, run.metric()), new Source(Runner.METRICS_LOG, "return")));
        MetricsTable.read(run.folder().resolve(Runner.METRICS_LOG + ".csv")).metrics().stream().findFirst()
                .ifPresent(c -> candidates.add(new Source(Runner.METRICS_LOG, c)));
        for (Source s : candidates) {
            if (s.read(run.folder()).x().length >= 2) {
                return s;
            }
        }
        return null;
    }

    /**
     * Each backend's budget units per second for each scenario, as bars relative to the scenario's fastest backend
     * (their units differ: steps, sweeps, epochs; the rates themselves are in the results table); null unless several
     * backends ran.
     */
    static BarChart speed(List<Bench.Outcome> outcomes) {
        Map<String, List<Bench.Outcome>> scenarios = byScenario(outcomes);
        long backends = scenarios.values().stream().flatMap(List::stream).map(Bench.Outcome::backend).distinct().count();
        if (backends < 2) {
            return null;
        }
        BarChart chart = new BarChart("speed per backend", "units/s relative to the fastest");
        for (Map.Entry<String, List<Bench.Outcome>> scenario : scenarios.entrySet()) {
            Map<String, List<Bench.Outcome>> byBackend = new LinkedHashMap<>();
            scenario.getValue().forEach(o -> byBackend.computeIfAbsent(o.backend(), k -> new ArrayList<>()).add(o));
            Map<String, Double> rates = new LinkedHashMap<>();
            byBackend.forEach((backend, runs) -> rates.put(backend, Bench.rate(runs)));
            rates.values().removeIf(rate -> !(rate > 0 && rate < Double.POSITIVE_INFINITY)); // no time measured
            if (rates.isEmpty()) {
                continue;
            }
            double fastest = rates.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            rates.forEach((backend, rate) -> chart.add(scenario.getKey(), backend, rate / fastest));
        }
        return chart;
    }
}
