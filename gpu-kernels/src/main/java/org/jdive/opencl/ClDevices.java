package org.jdive.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/** Lists the OpenCL platforms and devices on this machine. */
public final class ClDevices {

    /** The environment variable that picks a device when the backend spec names none ({@code opencl}). */
    public static final String DEVICE_VARIABLE = "JDIVE_OPENCL_DEVICE";

    private static List<ClDevice> devices;

    private ClDevices() {
    }

    /** Whether the OpenCL library loads; {@link #problem()} says why not. */
    public static boolean libraryLoads() {
        return ClLibrary.load().loaded();
    }

    /** Why OpenCL cannot be used here, or null when it can. */
    public static String problem() {
        ClLibrary.Status status = ClLibrary.load();
        if (!status.loaded()) {
            return status.problem();
        }
        return list().isEmpty() ? "the OpenCL library " + status.libraryName()
                + " loads but reports no platform with a device; install a driver, e.g. pocl-opencl-icd" : null;
    }

    /** Every device of every platform, GPUs first; empty when OpenCL is missing. */
    public static synchronized List<ClDevice> list() {
        if (devices == null) {
            devices = ClLibrary.load().loaded() ? enumerate() : List.of();
        }
        return devices;
    }

    /** The device {@code opencl:N} names: {@code spec} is N or empty (then the environment variable, then 0). */
    public static ClDevice select(String spec) {
        String chosen = spec.isEmpty() ? System.getenv().getOrDefault(DEVICE_VARIABLE, "") : spec;
        List<ClDevice> all = list();
        if (all.isEmpty()) {
            throw new IllegalStateException("OpenCL is not available: " + problem());
        }
        if (chosen.isEmpty()) {
            return all.get(0);
        }
        int index;
        try {
            index = Integer.parseInt(chosen.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OpenCL device '" + chosen + "' is not a number; devices: " + listing());
        }
        if (index < 0 || index >= all.size()) {
            throw new IllegalArgumentException("no OpenCL device " + index + "; devices: " + listing());
        }
        return all.get(index);
    }

    /** The devices, one per line, as {@code jdive doctor} prints them. */
    public static String listing() {
        StringBuilder text = new StringBuilder();
        for (ClDevice d : list()) {
            text.append(System.lineSeparator()).append("  ").append(d.describe());
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    private static List<ClDevice> enumerate() {
        List<ClDevice> found = new ArrayList<>();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int err = clGetPlatformIDs(null, count);
            if (err != CL_SUCCESS || count.get(0) == 0) {
                return List.of(); // -1001, CL_PLATFORM_NOT_FOUND_KHR: a loader without drivers
            }
            PointerBuffer platforms = stack.mallocPointer(count.get(0));
            ClException.check(clGetPlatformIDs(platforms, (IntBuffer) null), "clGetPlatformIDs");
            for (int p = 0; p < platforms.capacity(); p++) {
                long platform = platforms.get(p);
                IntBuffer n = stack.mallocInt(1);
                if (clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, null, n) != CL_SUCCESS || n.get(0) == 0) {
                    continue;
                }
                PointerBuffer ids = stack.mallocPointer(n.get(0));
                ClException.check(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids, (IntBuffer) null), "clGetDeviceIDs");
                String platformName = platformString(platform, CL_PLATFORM_NAME);
                for (int d = 0; d < ids.capacity(); d++) {
                    long id = ids.get(d);
                    boolean gpu = (deviceLong(id, CL_DEVICE_TYPE) & CL_DEVICE_TYPE_GPU) != 0;
                    found.add(new ClDevice(-1, platform, id, deviceString(id, CL_DEVICE_NAME), platformName,
                            deviceString(id, CL_DEVICE_VERSION), deviceString(id, CL_DRIVER_VERSION), gpu,
                            (int) deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS), deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE),
                            deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE)));
                }
            }
        }
        found.sort(Comparator.comparing(d -> !d.gpu())); // stable: platform order within each kind
        List<ClDevice> numbered = new ArrayList<>();
        for (ClDevice d : found) {
            numbered.add(new ClDevice(numbered.size(), d.platform(), d.id(), d.name(), d.platformName(), d.version(),
                    d.driverVersion(), d.gpu(), d.computeUnits(), d.globalMemoryBytes(), d.maxAllocationBytes()));
        }
        return List.copyOf(numbered);
    }

    static String deviceString(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetDeviceInfo(device, param, (ByteBuffer) null, size), "clGetDeviceInfo");
            ByteBuffer bytes = stack.malloc((int) size.get(0));
            ClException.check(clGetDeviceInfo(device, param, bytes, null), "clGetDeviceInfo");
            return MemoryUtil.memASCII(bytes, bytes.remaining() - 1).trim();
        }
    }

    private static String platformString(long platform, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetPlatformInfo(platform, param, (ByteBuffer) null, size), "clGetPlatformInfo");
            ByteBuffer bytes = stack.malloc((int) size.get(0));
            ClException.check(clGetPlatformInfo(platform, param, bytes, null), "clGetPlatformInfo");
            return MemoryUtil.memASCII(bytes, bytes.remaining() - 1).trim();
        }
    }

    private static long deviceLong(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            java.nio.LongBuffer value = stack.mallocLong(1);
            ClException.check(clGetDeviceInfo(device, param, value, null), "clGetDeviceInfo");
            return value.get(0);
        }
    }

    private static long deviceInt(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer value = stack.mallocInt(1);
            ClException.check(clGetDeviceInfo(device, param, value, null), "clGetDeviceInfo");
            return value.get(0);
        }
    }
}
