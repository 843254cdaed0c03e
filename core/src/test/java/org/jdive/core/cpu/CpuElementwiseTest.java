package org.jdive.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.jdive.core.backend.BinaryOp;
import org.junit.jupiter.api.Test;

class CpuElementwiseTest {

    /** Output shapes; the last has more than one parallel chunk of rows. */
    private static final int[][] SHAPES = {{2, 3, 4, 5}, {3, 1, 4, 7}, {6, 5, 4}, {3, 70, 5, 200}};

    @Test
    void everyBinaryOpBroadcastsOverSeveralOuterDimensionsLikeTheScalarFormula() {
        Random rnd = new Random(5);
        for (int[] out : SHAPES) {
            for (BinaryOp op : BinaryOp.values()) {
                int[] aShape = randomBroadcast(rnd, out);
                int[] bShape = randomBroadcast(rnd, out);
                float[] a = withSpecialValues(rnd, size(aShape));
                float[] b = withSpecialValues(rnd, size(bShape));
                float[] result = new float[size(out)];
                CpuElementwise.binary(op, a, aShape, b, bShape, result, out);
                for (int i = 0; i < result.length; i++) {
                    float x = a[source(i, out, aShape)];
                    float y = b[source(i, out, bShape)];
                    assertEquals(scalar(op, x, y), result[i], Arrays.toString(aShape) + " " + op + " "
                            + Arrays.toString(bShape) + " at " + i + " of " + x + ", " + y);
                }
            }
        }
    }

    /** Each op on one pair of floats, as Java's scalar arithmetic gives it (NaN, -0 and ties included). */
    private static float scalar(BinaryOp op, float x, float y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> (float) Math.pow(x, y);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case GT -> x > y ? 1f : 0f;
            case GE -> x >= y ? 1f : 0f;
            case LT -> x < y ? 1f : 0f;
            case LE -> x <= y ? 1f : 0f;
            case EQ -> x == y ? 1f : 0f;
            case RELU_BACKWARD -> y > 0f ? x : 0f;
        };
    }

    /** Random values in [-1, 1), a quarter of them drawn from ties, signed zeros and NaN instead. */
    private static float[] withSpecialValues(Random rnd, int n) {
        float[] special = {0f, -0f, 0.5f, -0.5f, 1f, Float.NaN};
        float[] values = random(rnd, n);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(4) == 0) {
                values[i] = special[rnd.nextInt(special.length)];
            }
        }
        return values;
    }

    @Test
    void whereBroadcastsItsThreeOperandsLikeTheIndexFormula() {
        Random rnd = new Random(6);
        for (int[] out : SHAPES) {
            int[] cShape = randomBroadcast(rnd, out);
            int[] aShape = randomBroadcast(rnd, out);
            int[] bShape = randomBroadcast(rnd, out);
            float[] c = random(rnd, size(cShape));
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] > 0 ? 1f : 0f;
            }
            float[] a = random(rnd, size(aShape));
            float[] b = random(rnd, size(bShape));
            float[] result = new float[size(out)];
            CpuElementwise.where(c, cShape, a, aShape, b, bShape, result, out);
            for (int i = 0; i < result.length; i++) {
                float expected = c[source(i, out, cShape)] != 0f
                        ? a[source(i, out, aShape)] : b[source(i, out, bShape)];
                assertEquals(expected, result[i], "at " + i);
            }
        }
    }

    /** {@code out} with some dimensions set to 1 and maybe some leading ones dropped. */
    private static int[] randomBroadcast(Random rnd, int[] out) {
        int[] shape = out.clone();
        for (int d = 0; d < shape.length; d++) {
            if (rnd.nextInt(3) == 0) {
                shape[d] = 1;
            }
        }
        return Arrays.copyOfRange(shape, rnd.nextInt(2), shape.length);
    }

    /** The element of an operand of {@code shape} (right-aligned) that output element {@code flat} reads. */
    private static int source(int flat, int[] out, int[] shape) {
        int index = 0;
        int stride = 1;
        for (int d = out.length - 1, s = shape.length - 1; d >= 0; d--, s--) {
            int coordinate = flat % out[d];
            flat /= out[d];
            if (s >= 0) {
                index += (shape[s] == 1 ? 0 : coordinate) * stride;
                stride *= shape[s];
            }
        }
        return index;
    }

    private static int size(int[] shape) {
        return Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    }

    private static float[] random(Random rnd, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = rnd.nextFloat() * 2 - 1;
        }
        return values;
    }
}
