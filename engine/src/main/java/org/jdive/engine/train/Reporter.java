package org.jdive.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trainer whose evaluation says more than its numbers ({@code jdive eval RUN}): tables to read and files to keep, such
 * as a classifier's confusion matrix as text, CSV and a heat map. Trainers without such a report do not implement it;
 * the command prints {@link Trainer#evaluate()}'s numbers either way.
 */
public interface Reporter {

    /**
     * A report of the current model: {@code text} to print under the evaluation's numbers (lines, no trailing line
     * break; empty for none) and the {@code files} written.
     */
    record Report(String text, List<Path> files) {
        public Report {
            files = List.copyOf(files);
        }
    }

    /** Evaluates the current model in detail and writes the report's files under {@code folder} (created if need be). */
    Report report(Path folder) throws IOException;
}
