package org.jdive.opencl;

/**
 * One OpenCL device as jdive numbers them: GPUs first, then other devices, each group in platform order.
 * {@code index} is what {@code opencl:N} and {@code JDIVE_OPENCL_DEVICE} select.
 */
public record ClDevice(int index, long platform, long id, String name, String platformName, String version,
                       String driverVersion, boolean gpu, int computeUnits, long globalMemoryBytes,
                       long maxAllocationBytes) {

    /** One line for listings: index, kind, name, platform, memory. */
    public String describe() {
        return "opencl:" + index + "  " + (gpu ? "GPU" : "CPU/other") + "  " + name + "  [" + platformName + ", "
                + version + ", driver " + driverVersion + "]  " + computeUnits + " compute units, "
                + (globalMemoryBytes >> 20) + " MiB";
    }
}
