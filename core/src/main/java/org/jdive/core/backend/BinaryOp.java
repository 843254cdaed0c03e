package org.jdive.core.backend;

/** Elementwise functions of two arguments, applied with NumPy broadcasting. Comparisons give 1 or 0. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV,
    /** {@code a^b} */
    POW,
    MAX, MIN,
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
