package org.jdive.core;

/** Renders tensors as text in PyTorch's style, eliding the middle of long dimensions. */
final class TensorFormat {

    private static final int EDGE = 3;
    private static final int SUMMARISE_ABOVE = 1000;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        float[] v = t.toFloatArray();
        int[] shape = t.shapeRef();
        boolean summarise = v.length > SUMMARISE_ABOVE;
        boolean integral = true;
        for (float f : v) {
            integral &= f == Math.rint(f) && Math.abs(f) < 1e7f;
        }
        StringBuilder sb = new StringBuilder("tensor(");
        if (shape.length == 0) {
            sb.append(number(v[0], integral));
        } else {
            append(sb, v, shape, Shapes.strides(shape), 0, 0, summarise, integral, "       ");
        }
        sb.append(", shape=").append(Shapes.str(shape));
        if (t.requiresGrad()) {
            sb.append(", requiresGrad");
        }
        if (!t.backend().name().equals("cpu")) {
            sb.append(", backend=").append(t.backend().name());
        }
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, float[] v, int[] shape, int[] strides, int dim, int offset,
                               boolean summarise, boolean integral, String indent) {
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + indent + " ".repeat(dim + 1));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == shape.length - 1) {
                sb.append(number(v[offset + i * strides[dim]], integral));
            } else {
                append(sb, v, shape, strides, dim + 1, offset + i * strides[dim], summarise, integral, indent);
            }
            if (i < n - 1) {
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + indent + " ".repeat(dim + 1));
            }
        }
        sb.append(']');
    }

    private static String number(float f, boolean integral) {
        if (integral) {
            return String.format(java.util.Locale.ROOT, "%.0f.", f);
        }
        return String.format(java.util.Locale.ROOT, "%.4f", f);
    }
}
