package org.jdive.engine.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of a scenario as written, before validation, with where it was written: a scalar's text, a list
 * of values or a mapping of keys to values (in file order). Scalars keep their text so that every key's
 * type decides how to read it, in files and in {@code --set} alike.
 *
 * @param data   a {@code String} (scalar), {@code List<Value>}, {@code Map<String, Value>} or null (YAML null)
 * @param origin where the value (for a mapping entry: its key) was written
 */
public record Value(Object data, Origin origin) {

    /** Whether the value is a mapping of keys to values. */
    public boolean isMapping() {
        return data instanceof Map;
    }

    /** The entries of a mapping, in file order; only for {@link #isMapping()} values. */
    @SuppressWarnings("unchecked")
    public Map<String, Value> mapping() {
        return (Map<String, Value>) data;
    }

    /** Whether the value is a scalar (its text in {@link #data()}). */
    public boolean isScalar() {
        return data instanceof String;
    }

    /** A word for error messages: "a mapping", "a list", "null" or the scalar in quotes. */
    public String describe() {
        if (data == null) {
            return "null";
        }
        if (data instanceof Map) {
            return "a mapping";
        }
        if (data instanceof List) {
            return "a list";
        }
        return "'" + data + "'";
    }

    /**
     * This mapping with {@code override}'s entries laid over it: mappings merge key by key (recursively), any
     * other value replaces the one below. Used for {@code extends:} and {@code --set}.
     */
    public static Value merge(Value base, Value override) {
        if (!base.isMapping() || !override.isMapping()) {
            return override;
        }
        Map<String, Value> merged = new LinkedHashMap<>(base.mapping());
        override.mapping().forEach((k, v) -> merged.merge(k, v, Value::merge));
        return new Value(merged, override.origin());
    }
}
