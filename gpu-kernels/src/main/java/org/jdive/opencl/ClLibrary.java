package org.jdive.opencl;

import java.util.ArrayList;
import java.util.List;
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
            try {
                Configuration.OPENCL_LIBRARY_NAME.set(name);
                CL.create();
                return new Status(true, name, null);
            } catch (Throwable e) {
                failures.add(name + " (" + e.getMessage() + ")");
            }
        }
        return new Status(false, null, "no OpenCL library could be loaded: tried " + String.join(", ", failures)
                + "; install an ICD loader and a driver, e.g. apt-get install ocl-icd-libopencl1 pocl-opencl-icd");
    }
}
