package org.jdive.engine.scenario;

/**
 * One key of the scenario schema: its dotted path, type, default and documentation. The docs in
 * {@code scenarios/README.md}, validation and suggestions are all derived from these.
 *
 * @param path         e.g. {@code agent.alpha}
 * @param type         what values are allowed
 * @param defaultValue the value when the key is absent, as the type reads it; null for a required key or
 *                     for a key whose absence means something (then {@code doc} says what)
 * @param required     whether a scenario must give the key
 * @param doc          one sentence for the docs
 */
public record Key(String path, ValueType type, Object defaultValue, boolean required, String doc) {

    /** An optional key with a default. */
    public static Key optional(String path, ValueType type, Object defaultValue, String doc) {
        return new Key(path, type, defaultValue, false, doc);
    }

    /** A key every scenario (of the kinds that declare it) must give. */
    public static Key required(String path, ValueType type, String doc) {
        return new Key(path, type, null, true, doc);
    }

    /** The section part of the path ({@code agent} for {@code agent.epsilon.start}); empty for a top-level key. */
    public String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
