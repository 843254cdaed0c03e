package org.jdive.opencl;

/** A built {@code cl_kernel} and its name, for error messages. */
record Kernel(long handle, String name) {
}
