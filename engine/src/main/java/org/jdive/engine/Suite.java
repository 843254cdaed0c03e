package org.jdive.engine;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * each a string or {@code {file: ..., set: {key: value}}}), {@code seeds} and {@code backends}.
 *
 * @param name      the file name without extension
 * @param scenarios the scenarios with their overrides as {@code key=value}
 * @param seeds     the seeds every scenario runs with
 * @param backends  the backends every scenario runs on
 */
public record Suite(String name, List<Entry> scenarios, List<Long> seeds, List<String> backends) {

    /** One scenario of a suite and the overrides it runs with. */
    public record Entry(Path file, List<String> sets) {
    }

    private static final List<String> KEYS = List.of("scenarios", "seeds", "backends");

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
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Suite(file.getFileName().toString().replaceFirst("\\.ya?ml$", ""), entries, seeds, backends);
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
