package org.jdive.opencl;

import static org.lwjgl.opencl.CL10.*;

import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;

/**
 * Sets a kernel's arguments and enqueues it on the device's in-order queue, without waiting. Arguments
 * are {@link ClBuffer}s, {@code Integer}s, {@code Float}s and {@code int[8]} (an {@code int8}); setting
 * them and enqueuing happen under one lock, since a {@code cl_kernel} holds its arguments.
 */
final class Launcher {

    /** 1-D launches are rounded up to a multiple of this; kernels ignore the extra work-items. */
    private static final int GRANULE = 64;

    private final long queue;

    Launcher(long queue) {
        this.queue = queue;
    }

    /** Runs {@code kernel} over {@code n} work-items. */
    void run(Kernel kernel, int n, Object... args) {
        if (n <= 0) {
            return;
        }
        long global = ((long) n + GRANULE - 1) / GRANULE * GRANULE;
        run(kernel, new long[] {global}, null, args);
    }

    /** Runs {@code kernel} over an N-D range; {@code local} may be null to let the driver choose. */
    synchronized void run(Kernel kernel, long[] global, long[] local, Object... args) {
        long k = kernel.handle();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            for (int i = 0; i < args.length; i++) {
                Object arg = args[i];
                int err = switch (arg) {
                    case ClBuffer b -> clSetKernelArg1p(k, i, b.mem());
                    case Integer v -> clSetKernelArg1i(k, i, v);
                    case Float v -> clSetKernelArg1f(k, i, v);
                    case int[] v -> clSetKernelArg(k, i, stack.ints(v));
                    default -> throw new IllegalArgumentException("unsupported kernel argument " + arg);
                };
                if (err != CL_SUCCESS) {
                    ClException.check(err, "setting argument " + i + " of kernel '" + kernel.name() + "'");
                }
            }
            PointerBuffer globalSize = stack.pointers(global);
            PointerBuffer localSize = local == null ? null : stack.pointers(local);
            int err = clEnqueueNDRangeKernel(queue, k, global.length, null, globalSize, localSize, null, null);
            if (err != CL_SUCCESS) {
                ClException.check(err, "launching kernel '" + kernel.name() + "' over "
                        + java.util.Arrays.toString(global) + (local == null ? "" : " in groups of "
                        + java.util.Arrays.toString(local)));
            }
        }
    }
}
