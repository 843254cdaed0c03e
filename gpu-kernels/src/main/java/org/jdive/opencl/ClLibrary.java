package org.jdive.opencl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lwjgl.opencl.CL;
import org.lwjgl.system.Configuration;

/**
 * Loads the system's OpenCL ICD loader once. It is looked for as {@code libOpenCL.so}, then as
 * {@code libOpenCL.so.1} (Debian and Ubuntu ship only the latter without the {@code -dev} package), unless
 * the system property {@code org.lwjgl.opencl.libname} names one.
 */
final class ClLibrary {

    /** The outcome of loading: the library's name, or why none could be loaded. */
    record Status(boolean loaded, String libraryName, String problem) {
    }

    private static Status status;

    private ClLibrary() {
    }

    static synchronized Status load() {
        if (status == null) {
            status = tryLoad();
        }
        return status;
    }

    private static Status tryLoad() {
        // Without explicit init, LWJGL loads the library in CL's static initialiser, and a failure there
        // would make the class unusable for the second candidate.
        Configuration.OPENCL_EXPLICIT_INIT.set(true);
        String configured = Configuration.OPENCL_LIBRARY_NAME.get();
        List<String> candidates = configured != null ? List.of(configured) : List.of("libOpenCL.so", "libOpenCL.so.1");
        List<String> failures = new ArrayList<>();
        for (String name : candidates) {
            if (configured == null && !visible(name)) {
                failures.add(name + " (not found)");
                continue;
            }
            try {
                Configuration.OPENCL_LIBRARY_NAME.set(name);
                CL.create();
                warnWithoutSignalChaining();
                return new Status(true, name, null);
            } catch (Throwable e) {
                failures.add(name + " (" + e.getMessage() + ")");
            }
        }
        return new Status(false, null, "no OpenCL library could be loaded: tried " + String.join(", ", failures)
                + "; install an ICD loader and a driver, e.g. apt-get install ocl-icd-libopencl1 pocl-opencl-icd");
    }

    /**
     * OpenCL drivers that compile with LLVM (PoCL, Mesa's rusticl) install LLVM's one-shot signal handlers over
     * the JVM's, which the JVM needs for null checks and safepoints: two threads faulting at once then kill
     * the process with a bare segfault. The JDK's libjsig, preloaded, keeps the JVM's handlers and chains the
     * others behind them; ./jdive and the test build preload it.
     */
    private static void warnWithoutSignalChaining() {
        Path libjsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
        String preload = System.getenv("LD_PRELOAD");
        if (Files.exists(libjsig) && (preload == null || !preload.contains("libjsig"))) {
            System.err.println("jdive: warning: without signal chaining an LLVM-based OpenCL driver (such as PoCL) can "
                    + "crash the JVM; start java with LD_PRELOAD=" + libjsig + " (./jdive does)");
        }
    }

    /**
     * Whether the dynamic loader can see {@code name}: in {@code LD_LIBRARY_PATH}, the usual library folders
     * or {@code /etc/ld.so.cache}. Probing first keeps LWJGL from printing its load-failure advice for a
     * name that is simply absent (the common {@code libOpenCL.so} without {@code -dev}).
     */
    private static boolean visible(String name) {
        Set<String> folders = new LinkedHashSet<>();
        for (String variable : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (variable != null) {
                folders.addAll(List.of(variable.split(":")));
            }
        }
        folders.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/lib/x86_64-linux-gnu", "/lib64", "/lib", "/usr/local/lib"));
        for (String folder : folders) {
            if (!folder.isEmpty() && Files.exists(Path.of(folder, name))) {
                return true;
            }
        }
        try {
            byte[] cache = Files.readAllBytes(Path.of("/etc/ld.so.cache"));
            return new String(cache, StandardCharsets.ISO_8859_1).contains("/" + name + "\0");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
