package org.jdive.opencl;

/**
 * Prints the OpenCL library, platforms and devices as jdive sees them, and checks that a kernel runs on
 * each device: {@code java -cp ... org.jdive.opencl.OpenClDoctor}. Used by {@code jdive doctor}.
 */
public final class OpenClDoctor {

    private OpenClDoctor() {
    }

    /** Prints the {@link #report()}. */
    public static void main(String[] args) {
        System.out.println(report());
    }

    /** The report, several lines. */
    public static String report() {
        String problem = ClDevices.problem();
        if (problem != null) {
            return "opencl: not available: " + problem;
        }
        StringBuilder text = new StringBuilder("opencl: library " + ClLibrary.load().libraryName() + ", devices:");
        for (ClDevice device : ClDevices.list()) {
            text.append(System.lineSeparator()).append("  ").append(device.describe()).append("  ... ")
                    .append(smokeTest(device));
        }
        return text.toString();
    }

    private static String smokeTest(ClDevice device) {
        try {
            OpenClBackend backend = new OpenClBackend(device);
            var x = backend.upload(new float[] {1, 2, 3}, 0, 3);
            backend.unary(org.jdive.core.backend.UnaryOp.MUL_SCALAR, 2f, x, x, 3);
            float[] result = new float[3];
            backend.download(x, 0, result, 0, 3);
            x.release();
            return result[2] == 6f ? "kernels run" : "WRONG RESULT " + java.util.Arrays.toString(result);
        } catch (RuntimeException e) {
            return "FAILED: " + e.getMessage();
        }
    }
}
