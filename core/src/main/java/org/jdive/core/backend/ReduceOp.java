package org.jdive.core.backend;

/** Reductions along one axis. */
public enum ReduceOp {
    SUM, MAX, MIN,
    /** The index of the first maximum, as a float. */
    ARGMAX
}
