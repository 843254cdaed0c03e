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
        out.printf("cores     %d available, %d compute thread(s) (JDIVE_JAVA_OPTS=-Djdive.threads=N to change)%n",
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
        out.printf("opencl    %s%n", openClDrivers());
        out.printf("display   %s%n", display());
        out.printf("modules   rendering %s, djl natives %s%n", present("org.jdive.rendering.PlayWindow"),
                present("ai.djl.engine.Engine"));
        return 0;
    }

    /** The OpenCL drivers the ICD loader would find (their .icd files), or why there are none. */
    private static String openClDrivers() {
        java.nio.file.Path vendors = java.nio.file.Path.of("/etc/OpenCL/vendors");
        if (!java.nio.file.Files.isDirectory(vendors)) {
            return "no drivers registered (" + vendors + " does not exist); install an ICD such as pocl-opencl-icd";
        }
        try (var files = java.nio.file.Files.list(vendors)) {
            var icds = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".icd")).sorted().toList();
            return icds.isEmpty() ? "no drivers registered in " + vendors : "drivers " + String.join(", ", icds);
        } catch (java.io.IOException e) {
            return "cannot read " + vendors + ": " + e.getMessage();
        }
    }

    /** Whether a window can open: an X11 or Wayland display, and a JVM that is not headless. */
    private static String display() {
        String x11 = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if ((x11 == null || x11.isBlank()) && (wayland == null || wayland.isBlank())) {
            return "none (no DISPLAY or WAYLAND_DISPLAY): jdive play needs one; run, eval and bench work headless";
        }
        return x11 != null && !x11.isBlank() ? "X11 " + x11 : "Wayland " + wayland;
    }

    private static String present(String className) {
        try {
            Class.forName(className, false, Doctor.class.getClassLoader());
            return "present";
        } catch (ClassNotFoundException e) {
            return "not in this build";
        }
    }

    private static String vectorSpecies() {
        try {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.toString();
        } catch (LinkageError e) {
            return "Vector API not enabled (run with --add-modules jdk.incubator.vector)";
        }
    }
}
