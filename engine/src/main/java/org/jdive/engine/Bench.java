package org.jdive.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdive.core.backend.Backends;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.scenario.Suggest;

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
     * run} (NaN without one), {@code folder} its run folder, null when it was skipped; {@code diverged} says what went
     * NaN or infinite in a run that {@code on_nonfinite: stop} ended, else null.
     */
    record Outcome(String scenario, String backend, long seed, String unit, long done, String metric, double value,
                   double lateReturn, double seconds, String skipped, Path folder, String diverged) {

        Outcome(String scenario, String backend, long seed, String unit, long done, String metric, double value,
                double lateReturn, double seconds, String skipped, Path folder) {
            this(scenario, backend, seed, unit, done, metric, value, lateReturn, seconds, skipped, folder, null);
        }
    }

    /**
     * The copy of the suite file that {@code jdive bench} keeps in its bench folder, so that the folder tells which
     * suite it ran (and {@code jdive report} finds the suite's published figures).
     */
    public static final String SUITE_FILE = "suite.yaml";

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

    /**
     * Checks every scenario of the suite (all problems at once) before running any, and that each of its published
     * figures names one of them.
     */
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
        List<String> names = scenarios.stream().map(Scenario::name).distinct().toList();
        List<Problem> problems = new ArrayList<>();
        suite.published().forEach((name, p) -> {
            if (!names.contains(name)) {
                problems.add(new Problem(p.origin(), "published." + name, "no scenario of the suite is named '" + name
                        + "'." + Suggest.didYouMean(name, names) + " Its scenarios: " + String.join(", ", names)));
            }
        });
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return scenarios;
    }

    /** Runs the scenarios into {@code folder}; returns the markdown table (also written to results.md). */
    public static String run(List<Scenario> scenarios, RunFolder folder, PrintWriter out) throws IOException {
        return run(scenarios, folder, out, new AtomicBoolean(), 1).table();
    }

    /**
     * Runs the scenarios into {@code folder} with {@code jobs} runs side by side in this JVM ({@link LocalExecutor});
     * see {@link #run(List, RunFolder, PrintWriter, AtomicBoolean, Executor)}.
     */
    public static Report run(List<Scenario> scenarios, RunFolder folder, PrintWriter out, AtomicBoolean stop, int jobs)
            throws IOException {
        try (LocalExecutor executor = new LocalExecutor(jobs)) {
            return run(scenarios, folder, out, stop, executor);
        }
    }

    /**
     * Runs the scenarios into {@code folder}, continuing the runs already there (see the class comment), until all
     * have ended or {@code stop} is set; writes results.csv, results.md and the plots of the runs that ended.
     *
     * <p>Each run is a piece of work for {@code executor}: locally, as many side by side as it has slots, each on a
     * thread of its own whose CPU kernels stay on it (on a small network one run cannot keep several cores busy, so
     * side by side they do more in all); on Spark, as tasks on the cluster's cores. Each run's results are the same
     * either way; the backends take their turns.
     */
    public static Report run(List<Scenario> scenarios, RunFolder folder, PrintWriter out, AtomicBoolean stop,
                             Executor executor) throws IOException {
        return run(scenarios, Suite.Plot.NONE, folder, out, stop, executor);
    }

    /**
     * Runs the scenarios as {@link #run(List, RunFolder, PrintWriter, AtomicBoolean, Executor)} does and draws, besides
     * each scenario's curve, the charts {@code plot} asks for: every scenario's curve of each of its metrics in one chart
     * ({@code plots/curves-<metric>.png}).
     */
    public static Report run(List<Scenario> scenarios, Suite.Plot plot, RunFolder folder, PrintWriter out,
                             AtomicBoolean stop, Executor executor) throws IOException {
        try (FolderLock lock = FolderLock.acquire(folder.path())) {
            return runLocked(scenarios, plot, folder, out, stop, executor);
        }
    }

    private static Report runLocked(List<Scenario> scenarios, Suite.Plot plot, RunFolder folder, PrintWriter out,
                                    AtomicBoolean stop, Executor executor) throws IOException {
        Map<String, Deque<RunFolder>> earlier = runsIn(folder);
        Outcome[] outcomes = new Outcome[scenarios.size()];
        Map<String, List<Integer>> byBackend = new LinkedHashMap<>();
        for (int i = 0; i < scenarios.size(); i++) {
            byBackend.computeIfAbsent(scenarios.get(i).text("backend"), k -> new ArrayList<>()).add(i);
        }
        RuntimeException failure = null;
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
            Map<Integer, CompletableFuture<RunWork.Outcome>> started = new LinkedHashMap<>();
            Map<Integer, Path> runFolders = new HashMap<>();
            Set<Integer> createdHere = new HashSet<>();
            for (int i : group.getValue()) {
                if (stop.get() || failure != null) {
                    break;
                }
                Scenario s = scenarios.get(i);
                RunFolder run = earlier.getOrDefault(s.toYaml(), new ArrayDeque<>()).pollFirst();
                if (run == null) {
                    run = RunFolder.create(folder.path(), s.name() + "-" + s.text("backend") + "-seed" + s.seed());
                    run.writeAtomically(RunFolder.SCENARIO, s.toYaml());
                    createdHere.add(i);
                }
                Path root = folder.path().toAbsolutePath();
                RunWork work = new RunWork(root.toString(), root.relativize(run.path().toAbsolutePath()).toString(),
                        s.toYaml(), stop);
                runFolders.put(i, run.path());
                started.put(i, executor.submit(work));
            }
            for (Map.Entry<Integer, CompletableFuture<RunWork.Outcome>> e : started.entrySet()) {
                Scenario s = scenarios.get(e.getKey());
                try {
                    RunWork.Outcome o = e.getValue().join();
                    if (o.result() == null && createdHere.contains(e.getKey())) {
                        forget(runFolders.get(e.getKey()));
                    }
                    outcomes[e.getKey()] = ended(s, o, runFolders.get(e.getKey()), out);
                } catch (CompletionException | CancellationException ex) {
                    stop.set(true); // the others stop at their next chunk, with checkpoints
                    executor.cancel();
                    Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                    if (failure == null) {
                        failure = cause instanceof RuntimeException r ? r
                                : cause instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(cause);
                    }
                }
            }
        }
        if (failure instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (failure != null) {
            throw failure;
        }
        List<Outcome> done = Arrays.stream(outcomes).filter(Objects::nonNull).toList();
        StringBuilder csv = new StringBuilder("scenario,backend,seed,unit,done,metric,value,late_return,wall_s,skipped,diverged\n");
        for (Outcome o : done) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s,%s,%s,%.3f,\"%s\",\"%s\"%n", o.scenario(), o.backend(),
                    o.seed(), o.unit(), o.done(), o.metric(), o.value(), Double.isNaN(o.lateReturn()) ? "" : o.lateReturn(),
                    o.seconds(), o.skipped().replace("\"", "'"), o.diverged() == null ? "" : o.diverged().replace("\"", "'")));
        }
        folder.writeAtomically("results.csv", csv.toString());
        String table = table(done);
        folder.writeAtomically("results.md", table);
        SuitePlots.write(folder, done, plot);
        return new Report(table, done.size() < outcomes.length);
    }

    /**
     * One run of a suite as work an executor can run anywhere that sees the bench folder (or a copy of it): the run in
     * {@code run} under {@code bench}, created by the suite with its resolved {@code scenario} (written again where a
     * copy lacks it) or left by an earlier invocation, continued from its latest checkpoint to its end or until
     * {@code stop}.
     */
    record RunWork(String bench, String run, String scenario, AtomicBoolean stop)
            implements Executor.FolderWork<RunWork.Outcome> {

        /**
         * What the run did: its result (null when the suite stopped before it started), the units it continued after
         * (0: it started), whether it had ended before, and its training return late in the run.
         */
        record Outcome(Runner.Result result, long resumedAt, boolean hadEnded, double lateReturn)
                implements Serializable {
        }

        @Override
        public String root() {
            return bench;
        }

        @Override
        public List<String> runs() {
            return List.of(run);
        }

        @Override
        public RunWork under(String root) {
            return new RunWork(root, run, scenario, stop);
        }

        @Override
        public Outcome call() throws IOException {
            if (stop.get()) {
                return new Outcome(null, 0, false, Double.NaN);
            }
            RunFolder folder = new RunFolder(Path.of(bench).resolve(run));
            if (!Files.exists(folder.scenario())) {
                Files.createDirectories(folder.checkpoints());
                folder.writeAtomically(RunFolder.SCENARIO, scenario);
            }
            Scenario s = ScenarioLoader.load(folder.scenario(), List.of());
            Backends.setDefault(Backends.get(s.text("backend")));
            try (Runner runner = new Runner(s, folder, stop)) {
                long resumedAt = runner.resume();
                boolean hadEnded = runner.trainer().finished();
                Runner.Result r = runner.run();
                return new Outcome(r, resumedAt, hadEnded, r.stopped() ? Double.NaN : lateReturn(folder.path(), r.done()));
            }
        }
    }

    /** Deletes the folder the suite made for a run that it stopped before the run began: it holds its scenario alone. */
    private static void forget(Path run) throws IOException {
        Files.deleteIfExists(run.resolve("checkpoints"));
        Files.deleteIfExists(run.resolve(RunFolder.SCENARIO));
        Files.deleteIfExists(run);
    }

    /** Says how the run in {@code folder} went and returns its outcome; null when it did not end (stopped, or never started). */
    private static Outcome ended(Scenario s, RunWork.Outcome o, Path folder, PrintWriter out) {
        Runner.Result r = o.result();
        if (r == null) {
            return null;
        }
        if (o.resumedAt() > 0 && !o.hadEnded()) {
            say(out, s, String.format(Locale.ROOT, "continuing after %d %s", o.resumedAt(), s.kind().unit()));
        }
        if (r.diverged() != null) {
            say(out, s, "diverged: " + r.diverged());
            return new Outcome(s.name(), s.text("backend"), s.seed(), s.kind().unit(), r.done(), headline(r.evaluation()),
                    Double.NaN, Double.NaN, r.seconds(), "", folder, r.diverged());
        }
        if (r.stopped()) {
            say(out, s, String.format(Locale.ROOT, "stopped after %d %s, checkpoint written", r.done(), s.kind().unit()));
            return null;
        }
        String metric = headline(r.evaluation());
        double value = r.evaluation().getOrDefault(metric, Double.NaN);
        say(out, s, String.format(Locale.ROOT, "%s %8.3f  %6.1f s", metric, value, r.seconds()));
        return new Outcome(s.name(), s.text("backend"), s.seed(), s.kind().unit(), r.done(), metric, value,
                o.lateReturn(), r.seconds(), "", folder);
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
            long diverged = g.stream().filter(o -> o.diverged() != null).count();
            String value = diverged > 0 ? "diverged (" + diverged + " of " + g.size() + " seeds)" : meanAndStd(g, Outcome::value);
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %.2f | %.0f %s/s |%n", first.scenario(),
                    first.backend(), g.size(), first.metric(), value, meanAndStd(g, Outcome::lateReturn), seconds, rate,
                    first.unit()));
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
