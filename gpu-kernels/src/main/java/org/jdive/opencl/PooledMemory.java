package org.jdive.opencl;

/** A device allocation owned by a {@link BufferPool}: its {@code cl_mem} handle and capacity in floats. */
record PooledMemory(long handle, int capacity) {
}
