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

    private final long queue;
    /** The work-group size of 1-D launches, whose range is rounded up to it (kernels skip the extra items). */
    private final long[] groupSize;

    /**
     * Work-group sizes are always given explicitly: PoCL compiles a kernel once per work-group shape, and
     * left to choose it picks a different shape for nearly every range. GPUs get groups of 256; CPU devices
     * groups of 1024, since there each group costs a scheduling step and the items of a group run as one loop.
     */
    Launcher(long queue, boolean gpu, long maxWorkGroupSize) {
        this.queue = queue;
        this.groupSize = new long[] {Math.min(gpu ? 256 : 1024, maxWorkGroupSize)};
    }

    /** Runs {@code kernel} over {@code n} work-items. */
    void run(Kernel kernel, int n, Object... args) {
        if (n <= 0) {
            return;
        }
        long global = ((long) n + groupSize[0] - 1) / groupSize[0] * groupSize[0];
        run(kernel, new long[] {global}, groupSize, args);
    }

    /** Runs {@code kernel} over {@code extents}, each rounded up to a whole number of {@code local} groups. */
    void runGrouped(Kernel kernel, long[] extents, long[] local, Object... args) {
        long[] global = new long[extents.length];
        for (int d = 0; d < extents.length; d++) {
            if (extents[d] <= 0) {
                return;
            }
            global[d] = (extents[d] + local[d] - 1) / local[d] * local[d];
        }
        run(kernel, global, local, args);
    }

    /** Runs {@code kernel} over an N-D range of whole {@code local} groups. */
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
