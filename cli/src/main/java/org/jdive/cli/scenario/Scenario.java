package org.jdive.cli.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.cli.train.TrainerKind;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A valid scenario with every key of its kind resolved: the values given (after {@code extends:} and
 * {@code --set}) and the defaults of the rest.
 *
 * @param name   the name of its runs
 * @param kind   the agent or model kind that trains it
 * @param values  every key's value by dotted path, in schema order (absent optional keys without a default are left out)
 * @param origins where each given key was written (defaults have none)
 * @param source  the scenario file, for problems of keys that were not given
 */
public record Scenario(String name, TrainerKind kind, Map<String, Object> values, Map<String, Origin> origins,
                       String source) {

    public Scenario {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        origins = Map.copyOf(origins);
    }

    /** Where {@code path} was written, or the file when it was not given. */
    public Origin origin(String path) {
        return origins.getOrDefault(path, Origin.file(source));
    }

    /** A problem with the value of {@code path}, placed where it was written. */
    public Problem problem(String path, String message) {
        return new Problem(origin(path), path, message);
    }

    public boolean has(String path) {
        return values.get(path) != null;
    }

    public long integer(String path) {
        return (Long) require(path);
    }

    /** A whole-number key that must fit in an {@code int} (the schema's range says so). */
    public int intValue(String path) {
        return Math.toIntExact(integer(path));
    }

    @SuppressWarnings("unchecked")
    public List<Long> integers(String path) {
        return (List<Long>) require(path);
    }

    public double number(String path) {
        return (Double) require(path);
    }

    public boolean bool(String path) {
        return (Boolean) require(path);
    }

    public String text(String path) {
        return (String) require(path);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> options(String path) {
        Object v = values.get(path);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    public long seed() {
        return integer("seed");
    }

    private Object require(String path) {
        Object v = values.get(path);
        if (v == null) {
            throw new IllegalStateException("the scenario has no value for '" + path + "'");
        }
        return v;
    }

    /** The resolved scenario as YAML, nested by section: what a run folder keeps and {@code --resume} re-reads. */
    public String toYaml() {
        Map<String, Object> tree = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            if (path.equals("extends")) {
                return;
            }
            Map<String, Object> node = tree;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
                node = child;
            }
            node.put(parts[parts.length - 1], value);
        });
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(settings).dumpToString(tree);
    }
}
