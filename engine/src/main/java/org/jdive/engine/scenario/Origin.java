package org.jdive.engine.scenario;

/**
 * Where a value of a scenario was written: a file and a 1-based line and column, or a {@code --set} option.
 *
 * @param source the file as given, or {@code "--set"}
 * @param line   1-based, 0 when the source has no lines
 * @param column 1-based, 0 when the source has no lines
 */
public record Origin(String source, int line, int column) {

    /** The origin of a whole file (its errors that belong to no line, e.g. a missing key). */
    public static Origin file(String source) {
        return new Origin(source, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? source : source + ":" + line + ":" + column;
    }
}
