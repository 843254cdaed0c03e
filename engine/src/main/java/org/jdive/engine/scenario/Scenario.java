package org.jdive.engine.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A scenario with every key of its kind resolved: the values given (after {@code extends:} and {@code --set}) and
 * the defaults of the rest.
 *
 * <p>The loader returns only valid scenarios. While it validates, it also hands a <em>partial</em> one to the
 * kinds' {@linkplain TrainerKind#checks() checks}, so that they run even when other keys are wrong: there the keys
 * given wrongly or missing are {@code invalid}, the kind may be unknown, and reading a key that has no value
 * throws {@link Unavailable}, which skips the check that read it (the key's own problem is reported already).
 *
 * @param name    the name of its runs
 * @param kind    the agent or model kind that trains it; null only in a partial scenario whose kind is unknown
 * @param values  every key's value by dotted path, in schema order (absent optional keys without a default are left out)
 * @param origins where each given key was written (defaults have none)
 * @param source  the scenario file, for problems of keys that were not given
 * @param invalid the keys given wrongly or missing; empty in a valid scenario
 */
public record Scenario(String name, TrainerKind kind, Map<String, Object> values, Map<String, Origin> origins,
                       String source, Set<String> invalid) {

    /** Thrown by a partial scenario when a check reads a key that has no valid value. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String path) {
            super("'" + path + "' has no valid value", null, false, false);
        }
    }

    /** Copies the maps and the set; {@code values} keeps its order. */
    public Scenario {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        origins = Map.copyOf(origins);
        invalid = Set.copyOf(invalid);
    }

    /** A valid scenario. */
    public Scenario(String name, TrainerKind kind, Map<String, Object> values, Map<String, Origin> origins, String source) {
        this(name, kind, values, origins, source, Set.of());
    }

    /** Where {@code path} was written, or the file when it was not given. */
    public Origin origin(String path) {
        return origins.getOrDefault(path, Origin.file(source));
    }

    /** A problem with the value of {@code path}, placed where it was written. */
    public Problem problem(String path, String message) {
        return new Problem(origin(path), path, message);
    }

    /** Whether {@code path} has a value (given or by default). */
    public boolean has(String path) {
        if (invalid.contains(path)) {
            throw new Unavailable(path);
        }
        return values.get(path) != null;
    }

    /** A whole-number key's value. */
    public long integer(String path) {
        return (Long) require(path);
    }

    /** A whole-number key that must fit in an {@code int} (the schema's range says so). */
    public int intValue(String path) {
        return Math.toIntExact(integer(path));
    }

    /** A key whose value is a list of whole numbers. */
    @SuppressWarnings("unchecked")
    public List<Long> integers(String path) {
        return (List<Long>) require(path);
    }

    /** A key whose value is a list of names. */
    @SuppressWarnings("unchecked")
    public List<String> names(String path) {
        return (List<String>) require(path);
    }

    /** A number key's value. */
    public double number(String path) {
        return (Double) require(path);
    }

    /** A boolean key's value. */
    public boolean bool(String path) {
        return (Boolean) require(path);
    }

    /** A text or choice key's value. */
    public String text(String path) {
        return (String) require(path);
    }

    /** A mapping key's value (e.g. {@code env.options}), values typed as YAML reads them; empty when not given. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> options(String path) {
        if (invalid.contains(path)) {
            throw new Unavailable(path);
        }
        Object v = values.get(path);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    /** The scenario's {@code seed}, from which every random stream of its run is split. */
    public long seed() {
        return integer("seed");
    }

    private Object require(String path) {
        Object v = values.get(path);
        if (v == null && (kind == null || invalid.contains(path))) {
            throw new Unavailable(path);
        }
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
