package org.jdive.core.backend;

/** Elementwise functions of two arguments, applied with NumPy broadcasting. Comparisons give 1 or 0. */
public enum BinaryOp {
    /** {@code a + b} */
    ADD,
    /** {@code a - b} */
    SUB,
    /** {@code a · b} */
    MUL,
    /** {@code a / b} */
    DIV,
    /** {@code a^b} */
    POW,
    /** The larger of {@code a} and {@code b} */
    MAX,
    /** The smaller of {@code a} and {@code b} */
    MIN,
    /** {@code a > b} as 1 or 0 */
    GT,
    /** {@code a >= b} as 1 or 0 */
    GE,
    /** {@code a < b} as 1 or 0 */
    LT,
    /** {@code a <= b} as 1 or 0 */
    LE,
    /** {@code a == b} as 1 or 0 */
    EQ,
    /**
     * {@code b > 0 ? a : 0}: the gradient {@code a} through a ReLU whose input is {@code b}, in one pass (PyTorch's
     * {@code threshold_backward} at 0)
     */
    RELU_BACKWARD
}
