package org.jdive.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.UnaryOp;

/** The SPI's elementwise functions as DJL NDArray operations (each result a new array). */
final class DjlElementwise {

    private DjlElementwise() {
    }

    static NDArray unary(UnaryOp op, float p, NDArray x) {
        return switch (op) {
            case NEG -> x.neg();
            case ABS -> x.abs();
            case SIGN -> x.sign();
            case EXP -> x.exp();
            case LOG -> x.log();
            case SQRT -> x.sqrt();
            case SQUARE -> x.square();
            case RECIPROCAL -> x.getNDArrayInternal().rdiv(1f);
            case SIN -> x.sin();
            case COS -> x.cos();
            case TANH -> x.tanh();
            case SIGMOID -> x.getNDArrayInternal().sigmoid();
            case RELU -> x.getNDArrayInternal().relu();
            case LEAKY_RELU -> x.getNDArrayInternal().leakyRelu(p);
            case STEP -> asFloat(x.gt(0f));
            case POW -> x.pow(p);
            case ADD_SCALAR -> x.add(p);
            case MUL_SCALAR -> x.mul(p);
            case RSUB_SCALAR -> x.getNDArrayInternal().rsub(p);
            case RDIV_SCALAR -> x.getNDArrayInternal().rdiv(p);
            case FILL -> x.getManager().full(x.getShape(), p);
        };
    }

    static NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case POW -> a.pow(b);
            case MAX -> a.maximum(b);
            case MIN -> a.minimum(b);
            case GT -> asFloat(a.gt(b));
            case GE -> asFloat(a.gte(b));
            case LT -> asFloat(a.lt(b));
            case LE -> asFloat(a.lte(b));
            case EQ -> asFloat(a.eq(b));
            case RELU_BACKWARD -> reluBackward(a, b);
        };
    }

    /** {@code b > 0 ? a : 0}, broadcast; PyTorch's {@code where} does not broadcast through DJL, so both are first. */
    private static NDArray reluBackward(NDArray a, NDArray b) {
        long[] as = a.getShape().getShape();
        long[] bs = b.getShape().getShape();
        long[] out = new long[Math.max(as.length, bs.length)];
        for (int i = 1; i <= out.length; i++) {
            long x = i <= as.length ? as[as.length - i] : 1;
            long y = i <= bs.length ? bs[bs.length - i] : 1;
            out[out.length - i] = Math.max(x, y);
        }
        Shape shape = new Shape(out);
        NDArray full = a.broadcast(shape);
        return NDArrays.where(b.gt(0f).broadcast(shape), full, full.zerosLike());
    }

    /** Booleans and indices as the SPI stores them: floats holding 0/1 or whole numbers. */
    static NDArray asFloat(NDArray x) {
        return x.toType(DataType.FLOAT32, false);
    }
}
