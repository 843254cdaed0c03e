package org.jdive.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdive.core.backend.Backends;
import org.jdive.core.cpu.Parallel;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;

/**
 * Runs a {@link Suite}: every scenario with every seed on every backend, each in its own run folder under
 * one bench folder, then a table per scenario and backend (mean ± std over seeds of the final evaluation's
 * headline metric and, for agents, of the training return over the last tenth of the budget, the figure
 * reinforcement-learning papers plot; wall time; budget units per second) as markdown ({@code results.md}) and per-run CSV
 * ({@code results.csv}), and charts in {@code plots/} (see {@link SuitePlots}): each scenario's learning curve, mean
 * and spread over seeds per backend, and the backends' speeds. The headline is {@code mean_return} for agents and the
 * first evaluation metric for models. A backend that cannot run on this machine is skipped with its reason in the table.
 *
 * <p>A bench folder can be run into again, e.g. after the machine went away or Ctrl-C: a run folder in it whose
 * resolved scenario is one of the suite's is that run, continued as {@code jdive run --resume} would: kept as it is
 * when it had ended, resumed from its latest checkpoint when it had not. Only the runs that are missing start anew.
 */
public final class Bench {

    /**
     * The outcome of one run of a suite; {@code lateReturn} is its {@link #lateReturn training return late in the
     * run} (NaN without one), {@code folder} its run folder, null when it was skipped.
     */
    record Outcome(String scenario, String backend, long seed, String unit, long done, String metric, double value,
                   double lateReturn, double seconds, String skipped, Path folder) {
    }

    /** The share of a run's budget, at its end, over which {@link #lateReturn} averages. */
    static final double LATE = 0.1;

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
        return run(scenarios, folder, out, new AtomicBoolean(), 1).table();
    }

    /**
     * Runs the scenarios into {@code folder}, continuing the runs already there (see the class comment), until all
     * have ended or {@code stop} is set; writes results.csv, results.md and the plots of the runs that ended.
     *
     * <p>With {@code jobs} above 1, that many runs of a backend go side by side, each on a thread of its own whose
     * CPU kernels stay on it ({@link Parallel#serially}): on a small network one run cannot keep several cores
     * busy, so side by side they do more in all. Each run's results are the same either way; the backends take
     * their turns.
     */
    public static Report run(List<Scenario> scenarios, RunFolder folder, PrintWriter out, AtomicBoolean stop, int jobs)
            throws IOException {
        Map<String, Deque<RunFolder>> earlier = runsIn(folder);
        Outcome[] outcomes = new Outcome[scenarios.size()];
        Map<String, List<Integer>> byBackend = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            byBackend.computeIfAbsent(scenarios.get(i).text("backend"), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> group : byBackend.entrySet()) {
            try {
                Backends.setDefault(Backends.get(group.getKey()));
            } catch (IllegalStateException unavailable) {
                for (int i : group.getValue()) {
                    Scenario s = scenarios.get(i);
                    outcomes[i] = new Outcome(s.name(), group.getKey(), s.seed(), s.kind().unit(), 0, "", Double.NaN,
                            Double.NaN, 0, unavailable.getMessage(), null);
                    say(out, s, "skipped: " + unavailable.getMessage());
                }
                continue;
            }
            List<Callable<Outcome>> runs = new ArrayList<>();
            for (int i : group.getValue()) {
                Scenario s = scenarios.get(i);
                RunFolder earlierRun = earlier.getOrDefault(s.toYaml(), new ArrayDeque<>()).pollFirst();
                runs.add(() -> runOne(s, earlierRun, folder, out, stop));
            }
            List<Outcome> ended = jobs == 1 ? inTurn(runs) : sideBySide(runs, jobs, stop);
            for (int k = 0; k < ended.size(); k++) {
                outcomes[group.getValue().get(k)] = ended.get(k);
            }
        }
        List<Outcome> done = Arrays.stream(outcomes).filter(Objects::nonNull).toList();
        StringBuilder csv = new StringBuilder("scenario,backend,seed,unit,done,metric,value,late_return,wall_s,skipped\n");
        for (Outcome o : done) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s,%s,%s,%.3f,\"%s\"%n", o.scenario(), o.backend(),
                    o.seed(), o.unit(), o.done(), o.metric(), o.value(), Double.isNaN(o.lateReturn()) ? "" : o.lateReturn(),
                    o.seconds(), o.skipped().replace("\"", "'")));
        }
        folder.writeAtomically("results.csv", csv.toString());
        String table = table(done);
        folder.writeAtomically("results.md", table);
        SuitePlots.write(folder, done);
        return new Report(table, done.size() < outcomes.length);
    }

    /**
     * One run of the suite, in {@code earlierRun} when it was started before, else in a new run folder; null when it
     * did not end: stopped, or never started because the suite had been stopped.
     */
    private static Outcome runOne(Scenario s, RunFolder earlierRun, RunFolder bench, PrintWriter out, AtomicBoolean stop)
            throws IOException {
        if (stop.get()) {
            return null;
        }
        RunFolder runFolder = earlierRun;
        if (runFolder == null) {
            runFolder = RunFolder.create(bench.path(), s.name() + "-" + s.text("backend") + "-seed" + s.seed());
            Runner.writeScenario(s, runFolder);
        }
        Runner.Result r;
        try (Runner runner = new Runner(s, runFolder, stop)) {
            long resumedAt = runner.resume();
            if (resumedAt > 0 && !runner.trainer().finished()) {
                say(out, s, String.format(Locale.ROOT, "continuing after %d %s", resumedAt, s.kind().unit()));
            }
            r = runner.run();
        }
        if (r.stopped()) {
            say(out, s, String.format(Locale.ROOT, "stopped after %d %s, checkpoint written", r.done(), s.kind().unit()));
            return null;
        }
        String metric = headline(r.evaluation());
        double value = r.evaluation().getOrDefault(metric, Double.NaN);
        say(out, s, String.format(Locale.ROOT, "%s %8.3f  %6.1f s", metric, value, r.seconds()));
        return new Outcome(s.name(), s.text("backend"), s.seed(), s.kind().unit(), r.done(), metric, value,
                lateReturn(runFolder.path(), r.done()), r.seconds(), "", runFolder.path());
    }

    /**
     * The mean of a run's training return over the last {@link #LATE tenth} of its {@code done} budget units: the
     * mean of the log rows logged there, each the mean return of the training episodes that ended in its stretch
     * (ε-greedy for DQN); NaN where the run logs no return there (a model, a planner).
     */
    static double lateReturn(Path runFolder, long done) throws IOException {
        MetricsTable.Curve curve = MetricsTable.read(runFolder.resolve(Runner.METRICS_LOG + ".csv")).curve("return");
        double from = done * (1 - LATE);
        return IntStream.range(0, curve.x().length).filter(i -> curve.x()[i] > from && curve.x()[i] <= done)
                .mapToDouble(i -> curve.y()[i]).average().orElse(Double.NaN);
    }

    /** A line of progress about one run (runs side by side share {@code out}). */
    private static void say(PrintWriter out, Scenario s, String what) {
        synchronized (out) {
            out.printf(Locale.ROOT, "  %-28s %-6s seed %-4d %s%n", s.name(), s.text("backend"), s.seed(), what);
            out.flush();
        }
    }

    private static List<Outcome> inTurn(List<Callable<Outcome>> runs) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Callable<Outcome> run : runs) {
                outcomes.add(call(run));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return outcomes;
    }

    /** Runs {@code jobs} at a time, each with its kernels on its own thread; a failure stops the others (at a checkpoint). */
    private static List<Outcome> sideBySide(List<Callable<Outcome>> runs, int jobs, AtomicBoolean stop) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, runs.size()));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Callable<Outcome> run : runs) {
                futures.add(pool.submit(() -> {
                    Outcome[] outcome = new Outcome[1];
                    Parallel.serially(() -> outcome[0] = call(run));
                    return outcome[0];
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    stop.set(true);
                    outcomes.add(null);
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                    throw new IllegalStateException("interrupted while the suite's runs went on", e);
                }
            }
            if (failure instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (failure != null) {
                throw failure;
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    /** Calls {@code run}, its IOException unchecked (so that it can cross {@link Parallel#serially}). */
    private static Outcome call(Callable<Outcome> run) {
        try {
            return run.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        StringBuilder b = new StringBuilder("| scenario | backend | seeds | metric | final value (± std over seeds) "
                + "| training return, last 10% of budget | wall s (mean) | units/s |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (List<Outcome> g : groups.values()) {
            Outcome first = g.getFirst();
            if (!first.skipped().isEmpty()) {
                b.append(String.format(Locale.ROOT, "| %s | %s | 0 | – | skipped: %s | – | – | – |%n", first.scenario(),
                        first.backend(), first.skipped().replace("|", "/")));
                continue;
            }
            double seconds = g.stream().mapToDouble(Outcome::seconds).average().orElse(Double.NaN);
            double rate = rate(g);
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %.2f | %.0f %s/s |%n", first.scenario(),
                    first.backend(), g.size(), first.metric(), meanAndStd(g, Outcome::value),
                    meanAndStd(g, Outcome::lateReturn), seconds, rate, first.unit()));
        }
        return b.toString();
    }

    /** {@code mean ± std} of a figure over seeds (the population std, as numpy's default), "–" where a seed lacks it. */
    private static String meanAndStd(List<Outcome> runs, ToDoubleFunction<Outcome> figure) {
        double[] v = runs.stream().mapToDouble(figure).toArray();
        if (Arrays.stream(v).anyMatch(Double::isNaN)) {
            return "–";
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow());
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
    }
}
