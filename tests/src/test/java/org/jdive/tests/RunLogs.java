package org.jdive.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Comparing runs' logs: everything a resumed or continued run must reproduce, which is all but the time it took. */
public final class RunLogs {

    private RunLogs() {
    }

    /** A metrics CSV's lines without their second column, the wall time. */
    public static List<String> withoutWallTime(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.replaceFirst("^([^,]*),[^,]*", "$1")).toList();
    }
}
