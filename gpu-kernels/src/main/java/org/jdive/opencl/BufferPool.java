package org.jdive.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.IntBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.lwjgl.system.MemoryStack;

/**
 * Device buffers recycled by size class, so that a training loop, which asks for the same sizes every
 * step, creates no new {@code cl_mem} after its first step. Classes are a quarter of an octave apart
 * (at most 25% of a buffer is slack). Buffers handed back stay allocated until {@link #trim()}, which runs
 * by itself when the device runs out of memory.
 *
 * <p>Reuse is safe without waiting: every command goes through one in-order queue, so a kernel that
 * writes a recycled buffer runs after every kernel that read its previous contents.
 */
final class BufferPool {

    private static final int SMALLEST = 64;

    private final long context;
    private final ClDevice device;
    private final Map<Integer, ArrayDeque<PooledMemory>> free = new HashMap<>();
    private long created;
    private long bytesHeld;

    BufferPool(long context, ClDevice device) {
        this.context = context;
        this.device = device;
    }

    /** The capacity, in floats, of the class that holds {@code floats}. */
    static int sizeClass(int floats) {
        if (floats <= SMALLEST) {
            return SMALLEST;
        }
        int step = Integer.highestOneBit(floats - 1) >> 2;
        long rounded = ((long) floats + step - 1) / step * step;
        return (int) Math.min(rounded, Integer.MAX_VALUE - 8);
    }

    /** A buffer of at least {@code floats} floats: a recycled one of its class, else a new one. */
    synchronized PooledMemory take(int floats) {
        int capacity = sizeClass(floats);
        ArrayDeque<PooledMemory> list = free.get(capacity);
        if (list != null && !list.isEmpty()) {
            return list.pop();
        }
        long bytes = 4L * capacity;
        if (bytes > device.maxAllocationBytes()) {
            throw new ClException("cannot allocate " + describe(floats, bytes) + " on " + device.name()
                    + ": one buffer may hold at most " + (device.maxAllocationBytes() >> 20) + " MiB", -61);
        }
        long handle = create(bytes);
        if (handle == 0) {
            trim();
            handle = create(bytes);
        }
        if (handle == 0) {
            throw new ClException("out of device memory allocating " + describe(floats, bytes) + " on "
                    + device.name() + ": " + (bytesHeld >> 20) + " MiB already held by jdive, device has "
                    + (device.globalMemoryBytes() >> 20) + " MiB", -4);
        }
        created++;
        bytesHeld += bytes;
        return new PooledMemory(handle, capacity);
    }

    private static String describe(int floats, long bytes) {
        return floats + " floats (" + String.format("%.1f", bytes / 1048576.0) + " MiB after rounding to its size class)";
    }

    private long create(long bytes) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long handle = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, err);
            if (err.get(0) == CL_SUCCESS) {
                return handle;
            }
            if (ClException.isOutOfMemory(err.get(0))) {
                return 0;
            }
            ClException.check(err.get(0), "clCreateBuffer of " + bytes + " bytes");
            return 0;
        }
    }

    /** Takes back a buffer for reuse. */
    synchronized void give(PooledMemory memory) {
        free.computeIfAbsent(memory.capacity(), k -> new ArrayDeque<>()).push(memory);
    }

    /** Releases every buffer not in use. */
    synchronized void trim() {
        for (ArrayDeque<PooledMemory> list : free.values()) {
            for (PooledMemory memory : list) {
                clReleaseMemObject(memory.handle());
                bytesHeld -= 4L * memory.capacity();
            }
            list.clear();
        }
    }

    /** How many device buffers this pool has created in all: flat in steady state. */
    synchronized long created() {
        return created;
    }
}
