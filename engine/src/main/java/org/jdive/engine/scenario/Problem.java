package org.jdive.engine.scenario;

/**
 * One mistake in a scenario: where it is, which key, and what is wrong (with what is allowed).
 *
 * @param key the dotted key, e.g. {@code agent.alpha}; empty for a problem of the whole file
 */
public record Problem(Origin origin, String key, String message) {

    @Override
    public String toString() {
        return origin + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
