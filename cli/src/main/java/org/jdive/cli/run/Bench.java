package org.jdive.cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jdive.cli.scenario.Scenario;
import org.jdive.cli.scenario.ScenarioLoader;
import org.jdive.core.backend.Backends;

/**
 * Runs a {@link Suite}: every scenario with every seed on every backend, each in its own run folder under
 * one bench folder, then a table per scenario and backend (mean ± std over seeds of the final evaluation's
 * headline metric, wall time, budget units per second) as markdown ({@code results.md}) and per-run CSV
 * ({@code results.csv}), and charts in {@code plots/} (see {@link SuitePlots}): each scenario's learning curve, mean
 * and spread over seeds per backend, and the backends' speeds. The headline is {@code mean_return} for agents and the
 * first evaluation metric for models. A backend that cannot run on this machine is skipped with its reason in the table.
 *
 * <p>A bench folder can be run into again, e.g. after the machine went away or Ctrl-C: a run folder in it whose
 * resolved scenario is one of the suite's is that run, continued as {@code jdive run --resume} would: kept as it is
 * when it had ended, resumed from its latest checkpoint when it had not. Only the runs that are missing start anew.
 */
public final class Bench {

    /** The outcome of one run of a suite; {@code folder} is its run folder, null when it was skipped. */
    record Outcome(String scenario, String backend, long seed, String unit, long done, String metric, double value,
                   double seconds, String skipped, Path folder) {
    }

    /**
     * What running a suite came to.
     *
     * @param table   the results table (also in results.md), of the runs that ended
     * @param stopped whether it was stopped (Ctrl-C) before its last run ended; running into its folder again continues it
     */
    public record Report(String table, boolean stopped) {
    }

    /** The metric a suite's table reports: the mean return of agents, else the first evaluation metric. */
    static String headline(Map<String, Double> evaluation) {
        return evaluation.containsKey("mean_return") || evaluation.isEmpty() ? "mean_return"
                : evaluation.keySet().iterator().next();
    }

    private Bench() {
    }

    /** Checks every scenario of the suite (all problems at once) before running any. */
    public static List<Scenario> resolve(Suite suite) {
        List<Scenario> scenarios = new ArrayList<>();
        for (Suite.Entry e : suite.scenarios()) {
            for (String backend : suite.backends()) {
                for (long seed : suite.seeds()) {
                    List<String> sets = new ArrayList<>(e.sets());
                    sets.add("seed=" + seed);
                    sets.add("backend=" + backend);
                    scenarios.add(ScenarioLoader.load(e.file(), sets));
                }
            }
        }
        return scenarios;
    }

    /** Runs the scenarios into {@code folder}; returns the markdown table (also written to results.md). */
    public static String run(List<Scenario> scenarios, RunFolder folder, PrintWriter out) throws IOException {
        return run(scenarios, folder, out, new AtomicBoolean()).table();
    }

    /**
     * Runs the scenarios into {@code folder}, continuing the runs already there (see the class comment), until all
     * have ended or {@code stop} is set; writes results.csv, results.md and the plots of the runs that ended.
     */
    public static Report run(List<Scenario> scenarios, RunFolder folder, PrintWriter out, AtomicBoolean stop)
            throws IOException {
        Map<String, Deque<RunFolder>> earlier = runsIn(folder);
        List<Outcome> outcomes = new ArrayList<>();
        boolean stopped = false;
        for (Scenario s : scenarios) {
            String backend = s.text("backend");
            try {
                Backends.setDefault(Backends.get(backend));
            } catch (IllegalStateException unavailable) {
                outcomes.add(new Outcome(s.name(), backend, s.seed(), s.kind().unit(), 0, "", Double.NaN, 0,
                        unavailable.getMessage(), null));
                out.printf(Locale.ROOT, "  %-28s %-6s seed %-4d skipped: %s%n", s.name(), backend, s.seed(),
                        unavailable.getMessage());
                continue;
            }
            Deque<RunFolder> same = earlier.getOrDefault(s.toYaml(), new ArrayDeque<>());
            RunFolder runFolder = same.pollFirst();
            if (runFolder == null) {
                runFolder = RunFolder.create(folder.path(), s.name() + "-" + backend + "-seed" + s.seed());
                Runner.writeScenario(s, runFolder);
            }
            Runner.Result r;
            try (Runner runner = new Runner(s, runFolder, stop)) {
                long resumedAt = runner.resume();
                if (resumedAt > 0 && !runner.trainer().finished()) {
                    out.printf(Locale.ROOT, "  %-28s %-6s seed %-4d continuing after %d %s%n", s.name(), backend, s.seed(),
                            resumedAt, s.kind().unit());
                    out.flush();
                }
                r = runner.run();
            }
            if (r.stopped()) {
                out.printf(Locale.ROOT, "  %-28s %-6s seed %-4d stopped after %d %s, checkpoint written%n", s.name(),
                        backend, s.seed(), r.done(), s.kind().unit());
                stopped = true;
                break;
            }
            String metric = headline(r.evaluation());
            double value = r.evaluation().getOrDefault(metric, Double.NaN);
            outcomes.add(new Outcome(s.name(), backend, s.seed(), s.kind().unit(), r.done(), metric, value, r.seconds(), "",
                    runFolder.path()));
            out.printf(Locale.ROOT, "  %-28s %-6s seed %-4d %s %8.3f  %6.1f s%n", s.name(), backend, s.seed(), metric, value,
                    r.seconds());
            out.flush();
        }
        StringBuilder csv = new StringBuilder("scenario,backend,seed,unit,done,metric,value,wall_s,skipped\n");
        for (Outcome o : outcomes) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s,%s,%.3f,\"%s\"%n", o.scenario(), o.backend(), o.seed(),
                    o.unit(), o.done(), o.metric(), o.value(), o.seconds(), o.skipped().replace("\"", "'")));
        }
        folder.writeAtomically("results.csv", csv.toString());
        String table = table(outcomes);
        folder.writeAtomically("results.md", table);
        SuitePlots.write(folder, outcomes);
        return new Report(table, stopped);
    }

    /** The run folders in a bench folder by their resolved scenario ({@link Scenario#toYaml()}), oldest first. */
    private static Map<String, Deque<RunFolder>> runsIn(RunFolder bench) throws IOException {
        Map<String, Deque<RunFolder>> runs = new HashMap<>();
        List<Path> folders;
        try (Stream<Path> children = Files.list(bench.path())) {
            folders = children.filter(p -> Files.isRegularFile(p.resolve(RunFolder.SCENARIO))).sorted().toList();
        }
        for (Path p : folders) {
            RunFolder run = RunFolder.open(p);
            runs.computeIfAbsent(ScenarioLoader.load(run.scenario(), List.of()).toYaml(), k -> new ArrayDeque<>()).add(run);
        }
        return runs;
    }

    /** Budget units per second over {@code runs}: all their units over all their wall time. */
    static double rate(List<Outcome> runs) {
        return runs.stream().mapToLong(Outcome::done).sum() / runs.stream().mapToDouble(Outcome::seconds).sum();
    }

    static String table(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        outcomes.forEach(o -> groups.computeIfAbsent(o.scenario() + "\u0000" + o.backend(), k -> new ArrayList<>()).add(o));
        StringBuilder b = new StringBuilder(
                "| scenario | backend | seeds | metric | final value (± std over seeds) | wall s (mean) | units/s |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (List<Outcome> g : groups.values()) {
            Outcome first = g.getFirst();
            if (!first.skipped().isEmpty()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | 0 | – | skipped: %s | – | – |%n", first.scenario(),
                        first.backend(), first.skipped().replace("|", "/")));
                continue;
            }
            double mean = g.stream().mapToDouble(Outcome::value).average().orElse(Double.NaN);
            double std = Math.sqrt(g.stream().mapToDouble(o -> (o.value() - mean) * (o.value() - mean)).average().orElse(0));
            double seconds = g.stream().mapToDouble(Outcome::seconds).average().orElse(Double.NaN);
            double rate = rate(g);
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.3f ± %.3f | %.2f | %.0f %s/s |%n", first.scenario(),
                    first.backend(), g.size(), first.metric(), mean, std, seconds, rate, first.unit()));
        }
        return b.toString();
    }
}
