package org.jdive.core.backend;

/** Reductions along one axis. */
public enum ReduceOp {
    /** The sum. */
    SUM,
    /** The largest value. */
    MAX,
    /** The smallest value. */
    MIN,
    /** The index of the first maximum, as a float. */
    ARGMAX
}
