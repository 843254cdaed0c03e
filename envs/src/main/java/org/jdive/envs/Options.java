package org.jdive.envs;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The options given to {@link Envs#make(String, Map)}, read with a type and a default. A value of the wrong
 * type is an {@link IllegalArgumentException} naming the env, the option and the type it needs.
 */
public final class Options {

    private final String envId;
    private final Map<String, Object> values;

    Options(String envId, Map<String, ?> values) {
        this.envId = envId;
        this.values = Collections.unmodifiableMap(values); // a read-only view that keeps null values
    }

    /** Whether the option was given (with any value, null included). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A {@code Boolean} option, or {@code fallback} when it was not given. */
    public boolean bool(String name, boolean fallback) {
        Object v = values.getOrDefault(name, fallback);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "a boolean", v);
    }

    /**
     * An {@code Integer}, {@code Long} or {@code Short} option that fits an {@code int}, or {@code fallback} when it
     * was not given; a {@code Double} such as {@code 8.0} is rejected.
     */
    public int integer(String name, int fallback) {
        Object v = values.getOrDefault(name, fallback);
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return Math.toIntExact(((Number) v).longValue());
        }
        throw wrongType(name, "an integer", v);
    }

    /** Any {@code Number} option, as a double, or {@code fallback} when it was not given. */
    public double number(String name, double fallback) {
        Object v = values.getOrDefault(name, fallback);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(name, "a number", v);
    }

    /** A string option; null when given as null. */
    public String string(String name, String fallback) {
        Object v = values.getOrDefault(name, fallback);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(name, "a string", v);
    }

    /** A list of strings given as a {@code List} or a {@code String[]}; null when given as null. */
    public List<String> strings(String name, List<String> fallback) {
        Object v = values.getOrDefault(name, fallback);
        if (v == null) {
            return null;
        }
        if (v instanceof String[] array) {
            return List.of(array);
        }
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw wrongType(name, "a list of strings", v);
    }

    /** An error about the value of one option, for checks beyond its type. */
    public IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException(envId + ": option '" + name + "' " + problem);
    }

    private IllegalArgumentException wrongType(String name, String type, Object v) {
        String got = v == null ? "null" : v.getClass().getSimpleName() + " " + v;
        return invalid(name, "must be " + type + ", got " + got);
    }
}
