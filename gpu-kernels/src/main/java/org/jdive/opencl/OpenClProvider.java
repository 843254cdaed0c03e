package org.jdive.opencl;

import java.util.List;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.BackendProvider;

/**
 * Makes {@code opencl} known to {@link org.jdive.core.backend.Backends}: available where an OpenCL
 * platform has a device, preferred by {@code auto} only where one of them is a GPU. {@code opencl:N} picks
 * device N of {@link ClDevices#list()}; plain {@code opencl} takes {@code JDIVE_OPENCL_DEVICE}, else device 0.
 */
public final class OpenClProvider implements BackendProvider {

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public OpenClProvider() {
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public boolean isAvailable() {
        return !ClDevices.list().isEmpty();
    }

    @Override
    public boolean preferredOverCpu() {
        List<ClDevice> devices = ClDevices.list();
        return devices.stream().anyMatch(ClDevice::gpu);
    }

    @Override
    public String unavailableReason() {
        String problem = ClDevices.problem();
        return problem == null ? "" : problem;
    }

    @Override
    public Backend create(String options) {
        return new OpenClBackend(ClDevices.select(options));
    }
}
