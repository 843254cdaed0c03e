package org.jdive.opencl;

/** A failed OpenCL call: what was being done and the error code's name. */
public final class ClException extends RuntimeException {

    /** The OpenCL error code, negative. */
    private final int code;

    ClException(String message, int code) {
        super(message);
        this.code = code;
    }

    /** The OpenCL error code, e.g. -4 for {@code CL_MEM_OBJECT_ALLOCATION_FAILURE}. */
    public int code() {
        return code;
    }

    /** Throws unless {@code code} is {@code CL_SUCCESS}. */
    static void check(int code, String doing) {
        if (code != 0) {
            throw new ClException(doing + " failed: " + errorName(code) + " (" + code + ")", code);
        }
    }

    static boolean isOutOfMemory(int code) {
        return code == -4 || code == -5 || code == -6 || code == -61;
    }

    static String errorName(int code) {
        return switch (code) {
            case -1 -> "CL_DEVICE_NOT_FOUND";
            case -2 -> "CL_DEVICE_NOT_AVAILABLE";
            case -3 -> "CL_COMPILER_NOT_AVAILABLE";
            case -4 -> "CL_MEM_OBJECT_ALLOCATION_FAILURE";
            case -5 -> "CL_OUT_OF_RESOURCES";
            case -6 -> "CL_OUT_OF_HOST_MEMORY";
            case -11 -> "CL_BUILD_PROGRAM_FAILURE";
            case -30 -> "CL_INVALID_VALUE";
            case -33 -> "CL_INVALID_DEVICE";
            case -34 -> "CL_INVALID_CONTEXT";
            case -36 -> "CL_INVALID_COMMAND_QUEUE";
            case -38 -> "CL_INVALID_MEM_OBJECT";
            case -42 -> "CL_INVALID_BINARY";
            case -44 -> "CL_INVALID_PROGRAM";
            case -45 -> "CL_INVALID_PROGRAM_EXECUTABLE";
            case -46 -> "CL_INVALID_KERNEL_NAME";
            case -48 -> "CL_INVALID_KERNEL";
            case -49 -> "CL_INVALID_ARG_INDEX";
            case -50 -> "CL_INVALID_ARG_VALUE";
            case -51 -> "CL_INVALID_ARG_SIZE";
            case -52 -> "CL_INVALID_KERNEL_ARGS";
            case -54 -> "CL_INVALID_WORK_GROUP_SIZE";
            case -55 -> "CL_INVALID_WORK_ITEM_SIZE";
            case -61 -> "CL_INVALID_BUFFER_SIZE";
            case -63 -> "CL_INVALID_GLOBAL_WORK_SIZE";
            case -1001 -> "CL_PLATFORM_NOT_FOUND_KHR";
            default -> "OpenCL error";
        };
    }
}
