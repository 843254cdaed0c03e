package org.jdive.opencl;

import java.util.EnumMap;
import java.util.Map;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.UnaryOp;

/**
 * The elementwise program: {@code kernels/elementwise.cl}'s two templates instantiated once per operator
 * from the expressions below (the only per-operator code), with the CPU backend's semantics, NaN
 * handling included.
 */
final class ElementwiseSource {

    private ElementwiseSource() {
    }

    static String generate() {
        StringBuilder source = new StringBuilder(ProgramCache.resource("common.cl"))
                .append(ProgramCache.resource("elementwise.cl")).append('\n');
        for (UnaryOp op : UnaryOp.values()) {
            source.append("UNARY_OP(").append(op.name()).append(", ").append(expression(op)).append(")\n");
        }
        for (BinaryOp op : BinaryOp.values()) {
            source.append("BINARY_OP(").append(op.name()).append(", ").append(expression(op)).append(")\n");
        }
        return source.toString();
    }

    private static final Map<UnaryOp, String> UNARY_NAMES = names(UnaryOp.class, "unary_");
    private static final Map<BinaryOp, String> BINARY_NAMES = names(BinaryOp.class, "binary_");

    private static <E extends Enum<E>> Map<E, String> names(Class<E> type, String prefix) {
        Map<E, String> names = new EnumMap<>(type);
        for (E op : type.getEnumConstants()) {
            names.put(op, prefix + op.name());
        }
        return names;
    }

    /** The kernel that computes {@code op}. */
    static String kernelName(UnaryOp op) {
        return UNARY_NAMES.get(op);
    }

    static String kernelName(BinaryOp op) {
        return BINARY_NAMES.get(op);
    }

    /** {@code op} as an OpenCL C expression over {@code v} (the element) and {@code p} (the parameter). */
    static String expression(UnaryOp op) {
        return switch (op) {
            case NEG -> "-v";
            case ABS -> "fabs(v)";
            case SIGN -> "v > 0.0f ? 1.0f : (v < 0.0f ? -1.0f : v)";
            case EXP -> "exp(v)";
            case LOG -> "log(v)";
            case SQRT -> "sqrt(v)";
            case SQUARE -> "v * v";
            case RECIPROCAL -> "1.0f / v";
            case SIN -> "sin(v)";
            case COS -> "cos(v)";
            case TANH -> "tanh(v)";
            case SIGMOID -> "stable_sigmoid(v)";
            case RELU -> "java_max(v, 0.0f)";
            case LEAKY_RELU -> "v > 0.0f ? v : p * v";
            case STEP -> "v > 0.0f ? 1.0f : 0.0f";
            case POW -> "pow(v, p)";
            case ADD_SCALAR -> "v + p";
            case MUL_SCALAR -> "v * p";
            case RSUB_SCALAR -> "p - v";
            case RDIV_SCALAR -> "p / v";
            case FILL -> "p";
        };
    }

    /** {@code op} as an OpenCL C expression over {@code a} and {@code b}. */
    static String expression(BinaryOp op) {
        return switch (op) {
            case ADD -> "a + b";
            case SUB -> "a - b";
            case MUL -> "a * b";
            case DIV -> "a / b";
            case POW -> "pow(a, b)";
            case MAX -> "java_max(a, b)";
            case MIN -> "java_min(a, b)";
            case GT -> "a > b ? 1.0f : 0.0f";
            case GE -> "a >= b ? 1.0f : 0.0f";
            case LT -> "a < b ? 1.0f : 0.0f";
            case LE -> "a <= b ? 1.0f : 0.0f";
            case EQ -> "a == b ? 1.0f : 0.0f";
            case RELU_BACKWARD -> "b > 0.0f ? a : 0.0f";
        };
    }
}
