package org.jdive.core.backend;

/**
 * Elementwise functions of one argument. Some take a scalar parameter {@code p}; the others ignore it.
 */
public enum UnaryOp {
    /** {@code -x} */
    NEG,
    /** {@code |x|} */
    ABS,
    /** {@code sign(x)}: -1, 0 or 1 */
    SIGN,
    /** {@code e^x} */
    EXP,
    /** {@code ln x} */
    LOG,
    /** {@code sqrt x} */
    SQRT,
    /** {@code x^2} */
    SQUARE,
    /** {@code 1/x} */
    RECIPROCAL,
    /** {@code sin x} */
    SIN,
    /** {@code cos x} */
    COS,
    /** {@code tanh x} */
    TANH,
    /** {@code 1/(1+e^-x)} */
    SIGMOID,
    /** {@code max(x, 0)} */
    RELU,
    /** {@code x > 0 ? x : p*x} */
    LEAKY_RELU,
    /** {@code x > 0 ? 1 : 0}, the derivative of ReLU */
    STEP,
    /** {@code x^p} */
    POW,
    /** {@code x + p} */
    ADD_SCALAR,
    /** {@code x * p} */
    MUL_SCALAR,
    /** {@code p - x} */
    RSUB_SCALAR,
    /** {@code p / x} */
    RDIV_SCALAR,
    /** {@code p} whatever x is */
    FILL
}
