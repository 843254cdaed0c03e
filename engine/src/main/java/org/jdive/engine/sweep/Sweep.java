package org.jdive.engine.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.engine.scenario.Origin;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.scenario.Schema;
import org.jdive.engine.scenario.Suggest;
import org.jdive.engine.scenario.Value;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.scenario.YamlReader;

/**
 * A hyperparameter sweep (D2L ch. 19): a base scenario, a search space over any of its keys, the evaluation metric
 * to optimise and its direction, a searcher and its budget. Read from a YAML file and checked like a scenario:
 * every problem at once, each with its file, line and key.
 *
 * <pre>
 * scenario: ../cartpole-dqn.yaml        # the base scenario, relative to this file
 * set: {eval.episodes: 5}               # fixed overrides of it
 * space:
 *   agent.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}
 *   agent.batch_size: {choice: [32, 64, 128]}
 *   agent.target_update_interval: {log_int: [10, 1000]}
 * metric: mean_return                   # an evaluation metric of the runs
 * mode: max
 * searcher: asha                        # grid, random, successive-halving, asha or hyperband
 * trials: 12
 * min_budget: 5000                      # in the scenario's unit
 * eta: 3
 * </pre>
 *
 * @param name       the file name without extension
 * @param scenario   the base scenario file
 * @param sets       the fixed overrides, as {@code key=value}
 * @param space      the searched keys and their domains, in the file's order
 * @param maximize   whether a larger metric is better ({@code mode: max})
 * @param trials     configurations to try (grid: at most this many of the grid; successive halving: at the first rung;
 *                   hyperband: unused, its brackets decide)
 * @param seeds      each configuration runs with every seed; its result is the mean over them
 * @param minBudget  the first rung of successive halving, ASHA and Hyperband, in the scenario's unit (random, grid:
 *                   the max)
 * @param maxBudget  every trial's budget at most: the scenario's unless given
 * @param maxSeconds no job starts after this much wall time (infinity: no limit)
 * @param seed       the searcher's seed
 */
public record Sweep(String name, Path scenario, List<String> sets, Map<String, Domain> space, String metric,
                    boolean maximize, String searcher, int trials, List<Long> seeds, long minBudget, long maxBudget,
                    int eta, int gridPoints, double maxSeconds, long seed, String budgetKey, String unit) {

    /** The searchers a sweep may name. */
    public static final List<String> SEARCHERS = List.of("grid", "random", "successive-halving", "asha", "hyperband");
    private static final List<String> KEYS = List.of("scenario", "set", "space", "metric", "mode", "searcher", "trials",
            "seeds", "min_budget", "max_budget", "eta", "grid_points", "max_seconds", "seed");
    private static final List<String> DOMAINS = List.of("uniform", "log_uniform", "int", "log_int", "choice");

    /** The scenario of one trial's run: the base, the fixed overrides, the configuration, the seed, the max budget. */
    public Scenario trial(Map<String, String> config, long runSeed) {
        List<String> all = new ArrayList<>(sets);
        config.forEach((k, v) -> all.add(k + "=" + v));
        all.add("seed=" + runSeed);
        all.add(budgetKey + "=" + maxBudget);
        return ScenarioLoader.load(scenario, all);
    }

    /** The scheduler that runs this sweep's searcher over its space. */
    public Scheduler scheduler() {
        return switch (searcher) {
            case "grid" -> new FifoScheduler(new GridSearcher(space, gridPoints), trials, maxBudget);
            case "random" -> new FifoScheduler(new RandomSearcher(space, seed), trials, maxBudget);
            case "successive-halving" -> new SuccessiveHalving(new RandomSearcher(space, seed), trials, minBudget,
                    maxBudget, eta);
            case "asha" -> new Asha(new RandomSearcher(space, seed), trials, minBudget, maxBudget, eta);
            case "hyperband" -> new Hyperband(new RandomSearcher(space, seed), minBudget, maxBudget, eta);
            default -> throw new IllegalStateException("unknown searcher " + searcher);
        };
    }

    /** The metric as an error to minimise, as D2L's schedulers take it. */
    public double error(double metricValue) {
        return Double.isNaN(metricValue) ? Double.POSITIVE_INFINITY : maximize ? -metricValue : metricValue;
    }

    /** Reads and checks a sweep file; throws {@link ScenarioException} with every problem found. */
    public static Sweep load(Path file) {
        return new Reader(file).read();
    }

    /** One pass over a sweep file, collecting problems. */
    private static final class Reader {
        private final Path file;
        private final List<Problem> problems = new ArrayList<>();
        private Map<String, Value> m;

        Reader(Path file) {
            this.file = file;
        }

        Sweep read() {
            Value root = YamlReader.read(file, file.toString(), problems);
            if (root != null && !root.isMapping()) {
                problems.add(new Problem(root.origin(), "", "a sweep must be a mapping with keys " + KEYS));
            }
            failIfAny();
            m = root.mapping();
            m.forEach((k, v) -> {
                if (!KEYS.contains(k)) {
                    problems.add(new Problem(v.origin(), k, "unknown key." + Suggest.didYouMean(k, KEYS) + " Keys: " + KEYS));
                }
            });
            Path base = scenarioFile();
            Map<String, Origin> setOrigins = new LinkedHashMap<>();
            List<String> sets = sets(setOrigins);
            String searcher = (String) read("searcher", ValueType.Choice.of(SEARCHERS.toArray(String[]::new)), "random");
            Map<String, Value> spaceValues = mapping("space", true);
            Map<String, Domain> space = new LinkedHashMap<>();
            spaceValues.forEach((k, v) -> {
                Domain d = domain(k, v);
                if (d != null) {
                    space.put(k, d);
                }
                if (setOrigins.containsKey(k)) {
                    problems.add(new Problem(v.origin(), "space." + k, "is also fixed in set: (line "
                            + setOrigins.get(k).line() + "); give it in one of them"));
                }
            });
            String metric = (String) read("metric", new ValueType.Text(), "mean_return");
            String mode = (String) read("mode", ValueType.Choice.of("max", "min"), "max");
            Long trials = (Long) read("trials", new ValueType.Int(1, 100_000), null);
            List<Long> seeds = seeds();
            Long minBudget = (Long) read("min_budget", new ValueType.Int(1, Long.MAX_VALUE), null);
            Long maxBudget = (Long) read("max_budget", new ValueType.Int(1, Long.MAX_VALUE), null);
            long eta = (Long) read("eta", new ValueType.Int(2, 1000), 3L);
            long gridPoints = (Long) read("grid_points", new ValueType.Int(1, 1000), 5L);
            Double maxSeconds = (Double) read("max_seconds", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, true), null);
            long seed = (Long) read("seed", new ValueType.Int(0, Long.MAX_VALUE), 0L);
            boolean multiFidelity = searcher.equals("successive-halving") || searcher.equals("asha")
                    || searcher.equals("hyperband");
            if (multiFidelity && minBudget == null && m.containsKey("searcher")) {
                problems.add(new Problem(m.get("searcher").origin(), "min_budget", "missing; " + searcher
                        + " starts every configuration at min_budget (in the scenario's unit) and promotes the best"));
            }
            if (!multiFidelity && minBudget != null) {
                problems.add(new Problem(m.get("min_budget").origin(), "min_budget", "only successive-halving, asha and "
                        + "hyperband use it; " + searcher + " runs every configuration to max_budget"));
            }
            if (searcher.equals("hyperband") && trials != null) {
                problems.add(new Problem(m.get("trials").origin(), "trials", "hyperband decides how many configurations "
                        + "each of its brackets starts (from min_budget, max_budget and eta); leave trials out"));
            }
            if (!searcher.equals("grid") && m.containsKey("grid_points")) {
                problems.add(new Problem(m.get("grid_points").origin(), "grid_points", "only the grid searcher uses it"));
            }
            failIfAny();

            Scenario scenario = loadReportingAt(base, sets, setOrigins);
            failIfAny();
            String budgetKey = scenario.kind().budget().path();
            long max = maxBudget != null ? maxBudget : scenario.integer(budgetKey);
            long min = minBudget != null ? minBudget : max;
            if (min >= max && multiFidelity) {
                problems.add(new Problem(origin("min_budget"), "min_budget", "must be below max_budget (" + max
                        + " " + scenario.kind().unit() + "), got " + min));
            }
            checkSpace(base, sets, space, spaceValues);
            checkWholeNumbers(scenario, space, spaceValues);
            List<Long> runSeeds = seeds.isEmpty() ? List.of(scenario.seed()) : seeds;
            int gridSize = searcher.equals("grid") ? gridSize(space, (int) gridPoints) : Integer.MAX_VALUE;
            int trialCount = trials != null ? (int) Math.min(trials, gridSize) : searcher.equals("grid") ? gridSize : 10;
            failIfAny();
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return new Sweep(name, base, List.copyOf(sets), space, metric, mode.equals("max"), searcher, trialCount,
                    runSeeds, min, max, (int) eta, (int) gridPoints,
                    maxSeconds == null ? Double.POSITIVE_INFINITY : maxSeconds, seed, budgetKey, scenario.kind().unit());
        }

        private Path scenarioFile() {
            Value v = m.get("scenario");
            if (v == null || !v.isScalar()) {
                problems.add(new Problem(v == null ? Origin.file(file.toString()) : v.origin(), "scenario",
                        v == null ? "missing; a sweep needs its base scenario file" : "must be a file name, got " + v.describe()));
                failIfAny();
            }
            Path dir = file.toAbsolutePath().getParent();
            Path base = dir.resolve((String) v.data()).normalize();
            if (!Files.isRegularFile(base)) {
                problems.add(new Problem(v.origin(), "scenario", "no scenario file " + base));
            }
            return base;
        }

        private List<String> sets(Map<String, Origin> origins) {
            List<String> sets = new ArrayList<>();
            mapping("set", false).forEach((k, v) -> {
                String text = text(v);
                if (text == null) {
                    problems.add(new Problem(v.origin(), "set." + k, "must be a value or a list of values, got " + v.describe()));
                } else {
                    sets.add(k + "=" + text);
                    origins.put(k, v.origin());
                }
            });
            return sets;
        }

        /** A scalar's text, or a list of scalars as a YAML flow list; null for anything else. */
        private static String text(Value v) {
            if (v.isScalar()) {
                return (String) v.data();
            }
            if (v.data() instanceof List<?> items && items.stream().allMatch(i -> ((Value) i).isScalar())) {
                return items.stream().map(i -> (String) ((Value) i).data()).toList().toString();
            }
            return null;
        }

        private Domain domain(String key, Value v) {
            String where = "space." + key;
            if (!v.isMapping() || v.mapping().size() != 1) {
                problems.add(new Problem(v.origin(), where, "must be one of {uniform: [lo, hi]}, {log_uniform: [lo, hi]}, "
                        + "{int: [lo, hi]}, {log_int: [lo, hi]} or {choice: [a, b, ...]}, got " + v.describe()));
                return null;
            }
            Map.Entry<String, Value> e = v.mapping().entrySet().iterator().next();
            String type = e.getKey();
            if (!DOMAINS.contains(type)) {
                problems.add(new Problem(e.getValue().origin(), where + "." + type, "unknown domain."
                        + Suggest.didYouMean(type, DOMAINS) + " Domains: " + DOMAINS));
                return null;
            }
            if (!(e.getValue().data() instanceof List<?> raw) || raw.isEmpty()
                    || raw.stream().anyMatch(i -> !((Value) i).isScalar())) {
                problems.add(new Problem(e.getValue().origin(), where + "." + type, "must be a non-empty list of values, got "
                        + e.getValue().describe()));
                return null;
            }
            List<String> items = raw.stream().map(i -> (String) ((Value) i).data()).toList();
            if (type.equals("choice")) {
                return new Domain.Choice(items);
            }
            if (items.size() != 2) {
                problems.add(new Problem(e.getValue().origin(), where + "." + type, "must be [lo, hi], got " + items.size()
                        + " values"));
                return null;
            }
            try {
                return switch (type) {
                    case "int", "log_int" -> {
                        long lo = Long.parseLong(items.get(0).replace("_", ""));
                        long hi = Long.parseLong(items.get(1).replace("_", ""));
                        boolean log = type.equals("log_int");
                        yield ordered(lo, hi, log, e.getValue(), where + "." + type) ? new Domain.IntRange(lo, hi, log) : null;
                    }
                    default -> {
                        double lo = Double.parseDouble(items.get(0));
                        double hi = Double.parseDouble(items.get(1));
                        boolean log = type.equals("log_uniform");
                        yield ordered(lo, hi, log, e.getValue(), where + "." + type)
                                ? log ? new Domain.LogUniform(lo, hi) : new Domain.Uniform(lo, hi) : null;
                    }
                };
            } catch (NumberFormatException ex) {
                problems.add(new Problem(e.getValue().origin(), where + "." + type, "must be two "
                        + (type.endsWith("int") ? "whole numbers" : "numbers") + ", got " + items));
                return null;
            }
        }

        private boolean ordered(double lo, double hi, boolean log, Value at, String where) {
            if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                problems.add(new Problem(at.origin(), where, "needs lo < hi, both finite, got [" + lo + ", " + hi + "]"));
                return false;
            }
            if (log && lo <= 0) {
                problems.add(new Problem(at.origin(), where, "is searched on a log scale, so lo must be > 0, got " + lo));
                return false;
            }
            return true;
        }

        /** Each domain's ends (or every choice) must be a valid value of its key in the base scenario. */
        private void checkSpace(Path base, List<String> sets, Map<String, Domain> space, Map<String, Value> spaceValues) {
            space.forEach((key, domain) -> {
                List<String> probes = domain instanceof Domain.Choice c ? c.values() : domain.grid(2);
                for (String value : probes) {
                    List<String> all = new ArrayList<>(sets);
                    all.add(key + "=" + value);
                    try {
                        ScenarioLoader.load(base, all);
                    } catch (ScenarioException e) {
                        for (Problem p : e.problems()) {
                            boolean here = p.key().equals(key) || p.origin().source().startsWith("--set " + key + "=");
                            problems.add(here ? new Problem(spaceValues.get(key).origin(), "space." + key,
                                    value + " is not a valid value: " + p.message()) : p);
                        }
                        return;
                    }
                }
            });
        }

        /** A real-valued domain would give a whole-number key values like 14.52: say which domains fit. */
        private void checkWholeNumbers(Scenario scenario, Map<String, Domain> space, Map<String, Value> spaceValues) {
            space.forEach((key, domain) -> {
                boolean real = domain instanceof Domain.Uniform || domain instanceof Domain.LogUniform;
                boolean whole = Schema.keysFor(scenario.kind()).stream()
                        .anyMatch(k -> k.path().equals(key) && k.type() instanceof ValueType.Int);
                if (real && whole) {
                    problems.add(new Problem(spaceValues.get(key).origin(), "space." + key, "must be a whole number; "
                            + "search it with {int: [lo, hi]} or {log_int: [lo, hi]}"));
                }
            });
        }

        /** The base scenario with the fixed overrides; problems of an override are placed at its line in the sweep. */
        private Scenario loadReportingAt(Path base, List<String> sets, Map<String, Origin> setOrigins) {
            try {
                return ScenarioLoader.load(base, sets);
            } catch (ScenarioException e) {
                for (Problem p : e.problems()) {
                    Origin at = setOrigins.entrySet().stream()
                            .filter(s -> p.origin().source().startsWith("--set " + s.getKey() + "=")).map(Map.Entry::getValue)
                            .findFirst().orElse(p.origin());
                    problems.add(new Problem(at, p.key(), p.message()));
                }
                return null;
            }
        }

        private List<Long> seeds() {
            Value v = m.get("seeds");
            List<Long> seeds = new ArrayList<>();
            if (v == null) {
                return seeds;
            }
            if (!(v.data() instanceof List<?> items) || items.isEmpty()) {
                problems.add(new Problem(v.origin(), "seeds", "must be a non-empty list of seeds, got " + v.describe()));
                return seeds;
            }
            ValueType.Int type = new ValueType.Int(0, Long.MAX_VALUE);
            for (Object item : items) {
                try {
                    seeds.add((Long) type.read((Value) item));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(((Value) item).origin(), "seeds", e.getMessage()));
                }
            }
            return seeds;
        }

        private Object read(String key, ValueType type, Object fallback) {
            Value v = m.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return type.read(v);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(v.origin(), key, e.getMessage()));
                return fallback;
            }
        }

        private Map<String, Value> mapping(String key, boolean required) {
            Value v = m.get(key);
            if (v == null) {
                if (required) {
                    problems.add(new Problem(Origin.file(file.toString()), key, "missing; a sweep needs the keys it "
                            + "searches, e.g. space: {agent.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}}"));
                }
                return Map.of();
            }
            if (!v.isMapping() || (required && v.mapping().isEmpty())) {
                problems.add(new Problem(v.origin(), key, "must be a" + (required ? " non-empty" : "") + " mapping, got "
                        + v.describe()));
                return Map.of();
            }
            return v.mapping();
        }

        private Origin origin(String key) {
            Value v = m.get(key);
            return v == null ? Origin.file(file.toString()) : v.origin();
        }

        private void failIfAny() {
            if (!problems.isEmpty()) {
                throw new ScenarioException(problems);
            }
        }
    }

    /** The number of grid points: the product of every domain's grid size. */
    static int gridSize(Map<String, Domain> space, int points) {
        long size = 1;
        for (Domain d : space.values()) {
            size = Math.min(Integer.MAX_VALUE, size * d.grid(points).size());
        }
        return (int) size;
    }
}
