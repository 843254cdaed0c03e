package org.jdive.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.backend.Backends;
import org.jdive.engine.scenario.Origin;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.Suggest;
import org.jdive.engine.scenario.Value;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.scenario.YamlReader;

/**
 * A benchmark suite: scenarios × seeds × backends. The file lists {@code scenarios} (paths relative to it,
 * each a string or {@code {file: ..., set: {key: value}}}), {@code seeds} and {@code backends}, and optionally the
 * {@code published} figures its results compare with, by scenario name:
 *
 * <pre>
 * published:
 *   ppo-cartpole: {value: 490.0, std: 6.1, figure: training, source: "CleanRL, 500k steps"}
 * </pre>
 *
 * and the metrics whose curves of every scenario it draws together in one chart ({@code plots/curves-<metric>.png},
 * as a book chapter compares its methods), each a column of the runs' training or evaluation logs, optionally against
 * a logarithmic budget axis (for scenarios of very different budgets):
 *
 * <pre>
 * plot:
 *   together: [loss]
 *   log_x: true
 * </pre>
 *
 * @param name      the file name without extension
 * @param scenarios the scenarios with their overrides as {@code key=value}
 * @param seeds     the seeds every scenario runs with
 * @param backends  the backends every scenario runs on
 * @param published the published figures by scenario name, in the file's order (empty when it gives none)
 * @param plot      the charts it asks for besides each scenario's curve
 */
public record Suite(String name, List<Entry> scenarios, List<Long> seeds, List<String> backends,
                    Map<String, Published> published, Plot plot) {

    /**
     * The charts of every scenario's curves of a metric together.
     *
     * @param together the metrics, each drawn in a chart of its own (empty: none)
     * @param logX     whether their budget axis is logarithmic
     */
    public record Plot(List<String> together, boolean logX) implements java.io.Serializable {

        /** No chart of curves together. */
        public static final Plot NONE = new Plot(List.of(), false);

        public Plot {
            together = List.copyOf(together);
        }
    }

    /** One scenario of a suite and the overrides it runs with. */
    public record Entry(Path file, List<String> sets) {
    }

    /** {@link Published#figure()}: the final evaluation's headline metric (the table's "final value"). */
    public static final String EVALUATION = "evaluation";
    /** {@link Published#figure()}: the training return over the last tenth of the budget, the figure RL papers plot. */
    public static final String TRAINING = "training";

    /**
     * A published result that a scenario of the suite compares with.
     *
     * @param value  the published mean
     * @param std    its standard deviation over seeds, NaN where none was published
     * @param figure which of the suite's figures it compares with: {@value #EVALUATION} or {@value #TRAINING}
     * @param source who published it and how it was measured (e.g. "CleanRL, 500k steps")
     * @param origin where the suite file gives it
     */
    public record Published(double value, double std, String figure, String source, Origin origin) {
    }

    private static final List<String> KEYS = List.of("scenarios", "seeds", "backends", "published", "plot");
    private static final List<String> PLOT_KEYS = List.of("together", "log_x");
    private static final List<String> PUBLISHED_KEYS = List.of("value", "std", "figure", "source");

    /** Reads and checks a suite file; every problem is reported at once. */
    public static Suite load(Path file) {
        List<Problem> problems = new ArrayList<>();
        Value root = YamlReader.read(file, file.toString(), problems);
        if (root != null && !root.isMapping()) {
            problems.add(new Problem(root.origin(), "", "a suite must be a mapping with keys " + KEYS));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        Map<String, Value> m = root.mapping();
        m.forEach((k, v) -> {
            if (!KEYS.contains(k)) {
                problems.add(new Problem(v.origin(), k, "unknown key." + Suggest.didYouMean(k, KEYS) + " Keys: " + KEYS));
            }
        });
        Path dir = file.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        for (Value item : list(m, "scenarios", file, problems)) {
            if (item.isScalar()) {
                entries.add(new Entry(dir.resolve((String) item.data()).normalize(), List.of()));
            } else if (item.isMapping() && item.mapping().get("file") != null && item.mapping().get("file").isScalar()) {
                List<String> sets = new ArrayList<>();
                Value set = item.mapping().get("set");
                if (set != null && set.isMapping()) {
                    set.mapping().forEach((k, v) -> sets.add(k + "=" + (v.data() == null ? "null" : v.data())));
                } else if (set != null) {
                    problems.add(new Problem(set.origin(), "scenarios.set", "must be a mapping of keys to values"));
                }
                entries.add(new Entry(dir.resolve((String) item.mapping().get("file").data()).normalize(), sets));
            } else {
                problems.add(new Problem(item.origin(), "scenarios", "each entry is a file or {file: ..., set: {...}}, got "
                        + item.describe()));
            }
        }
        List<Long> seeds = new ArrayList<>();
        ValueType.Int seedType = new ValueType.Int(0, Long.MAX_VALUE);
        for (Value v : list(m, "seeds", file, problems)) {
            try {
                seeds.add((Long) seedType.read(v));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(v.origin(), "seeds", e.getMessage()));
            }
        }
        List<String> backends = new ArrayList<>();
        ValueType.Choice backendType = new ValueType.Choice(Backends::names, "a backend");
        for (Value v : list(m, "backends", file, problems)) {
            try {
                backends.add((String) backendType.read(v));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(v.origin(), "backends", e.getMessage()));
            }
        }
        Map<String, Published> published = published(m.get("published"), problems);
        Plot plot = plot(m.get("plot"), problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Suite(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), entries, seeds, backends,
                published, plot);
    }

    /** {@code plot}: {@code together}, a metric or a list of them, and {@code log_x}; absent: {@link Plot#NONE}. */
    private static Plot plot(Value plot, List<Problem> problems) {
        if (plot == null) {
            return Plot.NONE;
        }
        if (!plot.isMapping()) {
            problems.add(new Problem(plot.origin(), "plot", "must be a mapping with keys " + PLOT_KEYS + ", got "
                    + plot.describe()));
            return Plot.NONE;
        }
        plot.mapping().forEach((k, v) -> {
            if (!PLOT_KEYS.contains(k)) {
                problems.add(new Problem(v.origin(), "plot." + k, "unknown key." + Suggest.didYouMean(k, PLOT_KEYS)
                        + " Keys: " + PLOT_KEYS));
            }
        });
        boolean logX = false;
        Value log = plot.mapping().get("log_x");
        if (log != null) {
            try {
                logX = (Boolean) new ValueType.Bool().read(log);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(log.origin(), "plot.log_x", e.getMessage()));
            }
        }
        Value v = plot.mapping().get("together");
        if (v == null) {
            return new Plot(List.of(), logX);
        }
        List<Value> items = v.data() instanceof List<?> list ? list.stream().map(Value.class::cast).toList() : List.of(v);
        List<String> metrics = new ArrayList<>();
        for (Value item : items) {
            if (item.data() instanceof String metric && !metric.isBlank() && metric.matches("[A-Za-z0-9_.-]+")) {
                metrics.add(metric);
            } else {
                problems.add(new Problem(item.origin(), "plot.together", "must be a metric (a column of the runs' logs, "
                        + "e.g. loss or mean_return) or a list of them, got " + item.describe()));
            }
        }
        if (metrics.isEmpty() && problems.stream().noneMatch(p -> p.key().equals("plot.together"))) {
            problems.add(new Problem(v.origin(), "plot.together", "must name at least one metric"));
        }
        return new Plot(List.copyOf(new java.util.LinkedHashSet<>(metrics)), logX);
    }

    /** The {@code published} mapping (absent: none); its scenario names are checked by {@link Bench#resolve}. */
    private static Map<String, Published> published(Value v, List<Problem> problems) {
        Map<String, Published> published = new LinkedHashMap<>();
        if (v == null) {
            return published;
        }
        if (!v.isMapping()) {
            problems.add(new Problem(v.origin(), "published", "must map scenario names to {value: ..., source: ...}, got "
                    + v.describe()));
            return published;
        }
        v.mapping().forEach((scenario, entry) -> {
            String key = "published." + scenario;
            if (!entry.isMapping()) {
                problems.add(new Problem(entry.origin(), key, "must be {value: ..., std: ..., figure: ..., source: ...}, got "
                        + entry.describe()));
                return;
            }
            Map<String, Value> fields = entry.mapping();
            fields.forEach((k, f) -> {
                if (!PUBLISHED_KEYS.contains(k)) {
                    problems.add(new Problem(f.origin(), key + "." + k, "unknown key." + Suggest.didYouMean(k, PUBLISHED_KEYS)
                            + " Keys: " + PUBLISHED_KEYS));
                }
            });
            int before = problems.size();
            Object value = field(fields, "value", key, ValueType.Real.closed(-1e15, 1e15), null, entry, problems);
            Object std = field(fields, "std", key, ValueType.Real.closed(0, 1e15), Double.NaN, entry, problems);
            Object figure = field(fields, "figure", key, ValueType.Choice.of(EVALUATION, TRAINING), EVALUATION, entry,
                    problems);
            Object source = field(fields, "source", key, new ValueType.Text(), null, entry, problems);
            if (problems.size() == before) {
                published.put(scenario, new Published((Double) value, (Double) std, (String) figure, (String) source,
                        entry.origin()));
            }
        });
        return published;
    }

    /** One field of a published figure read as {@code type}; {@code absent} when not given (null: it must be). */
    private static Object field(Map<String, Value> fields, String name, String key, ValueType type, Object absent,
                                Value entry, List<Problem> problems) {
        Value v = fields.get(name);
        if (v == null) {
            if (absent == null) {
                problems.add(new Problem(entry.origin(), key + "." + name, "missing; give " + type.describe()));
            }
            return absent;
        }
        try {
            return type.read(v);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(v.origin(), key + "." + name, e.getMessage()));
            return absent;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Value> list(Map<String, Value> m, String key, Path file, List<Problem> problems) {
        Value v = m.get(key);
        if (v == null) {
            problems.add(new Problem(Origin.file(file.toString()), key, "missing; a suite needs a non-empty list of " + key));
            return List.of();
        }
        if (!(v.data() instanceof List<?> items) || items.isEmpty()) {
            problems.add(new Problem(v.origin(), key, "must be a non-empty list, got " + v.describe()));
            return List.of();
        }
        return (List<Value>) items;
    }
}
