package org.jdive.cli;

import java.io.PrintWriter;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.cpu.Parallel;

/** {@code jdive doctor}: what this machine offers jdive. */
final class Doctor {

    private Doctor() {
    }

    static int run(PrintWriter out) {
        Runtime.Version v = Runtime.version();
        out.printf("java      %s (%s) at %s%n", v, System.getProperty("java.vendor"), System.getProperty("java.home"));
        out.printf("cores     %d available, %d compute thread(s) (-Djdive.threads to change)%n",
                Runtime.getRuntime().availableProcessors(), Parallel.threads());
        out.printf("memory    %d MiB max heap%n", Runtime.getRuntime().maxMemory() >> 20);
        out.printf("vector    %s%n", vectorSpecies());
        for (String name : Backends.names()) {
            if (name.equals("auto")) {
                continue;
            }
            try {
                Backend b = Backends.get(name);
                out.printf("backend   %-7s ok: %s%n", name, b.description());
            } catch (RuntimeException e) {
                out.printf("backend   %-7s unavailable: %s%n", name, e.getMessage());
            }
        }
        out.printf("backend   auto    -> %s%n", Backends.get("auto").name());
        return 0;
    }

    private static String vectorSpecies() {
        try {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.toString();
        } catch (LinkageError e) {
            return "Vector API not enabled (run with --add-modules jdk.incubator.vector)";
        }
    }
}
