package org.jdive.core.cpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The arrays of released CPU buffers, kept by exact length for the next buffer of that size. A training step
 * makes the same intermediates every time, so after the first step they come from here: arrays already in
 * cache rather than fresh memory that the JVM zeroes and the garbage collector later sweeps.
 *
 * <p>An array enters only from a buffer that has just dropped its reference to it, so that no tensor can reach a
 * pooled array. The pool holds at most {@link #capacity} floats; arrays beyond that are left to the collector.
 * It is shared by every thread that releases buffers.
 */
final class ArrayPool {

    private final long capacity;
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long held;

    /** A pool of at most {@code capacity} floats in all. */
    ArrayPool(long capacity) {
        this.capacity = capacity;
    }

    /** A pooled array of exactly {@code length} floats with arbitrary contents, or null if none is free. */
    synchronized float[] take(int length) {
        ArrayDeque<float[]> arrays = free.get(length);
        float[] array = arrays == null ? null : arrays.pollLast();
        if (array != null) {
            held -= length;
        }
        return array;
    }

    /** Keeps {@code array}, which nothing else may use from now on, unless the pool is full. */
    synchronized void give(float[] array) {
        int length = array.length;
        if (length == 0 || held + length > capacity) {
            return;
        }
        free.computeIfAbsent(length, n -> new ArrayDeque<>()).addLast(array);
        held += length;
    }

    /** The number of floats held. */
    synchronized long held() {
        return held;
    }
}
