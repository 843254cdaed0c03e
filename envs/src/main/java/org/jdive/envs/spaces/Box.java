package org.jdive.envs.spaces;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Space;

/**
 * A (possibly unbounded) box in R^n, as Gymnasium's {@code Box}: per-element bounds {@code low[i] <= x[i] <= high[i]},
 * float32 like Gymnasium's default dtype; infinite bounds are allowed.
 */
public final class Box implements Space {

    private final float[] low;
    private final float[] high;
    private final int[] shape;

    /** A box with per-element bounds, laid out row-major as {@code shape}. */
    public Box(float[] low, float[] high, int... shape) {
        this.shape = checkedShape(shape);
        int size = size();
        if (low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box of shape " + Arrays.toString(shape) + " needs " + size
                    + " bounds, got low " + low.length + " and high " + high.length);
        }
        for (int i = 0; i < size; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("Box bound " + i + ": low " + low[i] + " > high " + high[i]);
            }
        }
        this.low = low.clone();
        this.high = high.clone();
    }

    /** A box with the same bounds for every element. */
    public static Box uniform(float low, float high, int... shape) {
        int size = 1;
        for (int d : checkedShape(shape)) {
            size *= d;
        }
        float[] lo = new float[size];
        float[] hi = new float[size];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, shape);
    }

    static int[] checkedShape(int[] shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(shape));
            }
        }
        return shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The lower bounds (a copy). */
    public float[] low() {
        return low.clone();
    }

    /** The upper bounds (a copy). */
    public float[] high() {
        return high.clone();
    }

    @Override
    public boolean contains(float[] x) {
        if (x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Draws each element as Gymnasium does: uniform where both bounds are finite, normal where neither is,
     * and a shifted exponential where only one is.
     */
    @Override
    public float[] sample(UniformRandomProvider rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean boundedBelow = Float.isFinite(low[i]);
            boolean boundedAbove = Float.isFinite(high[i]);
            double v;
            if (boundedBelow && boundedAbove) {
                v = low[i] + (high[i] - (double) low[i]) * rng.nextDouble();
            } else if (boundedBelow) {
                v = low[i] + exponential(rng);
            } else if (boundedAbove) {
                v = high[i] - exponential(rng);
            } else {
                v = normal(rng);
            }
            x[i] = Math.min(high[i], Math.max(low[i], (float) v));
        }
        return x;
    }

    private static double exponential(UniformRandomProvider rng) {
        return -Math.log1p(-rng.nextDouble());
    }

    private static double normal(UniformRandomProvider rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(shape, b.shape) && Arrays.equals(low, b.low)
                && Arrays.equals(high, b.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(low);
    }

    @Override
    public String toString() {
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ", " + Arrays.toString(shape) + ")";
    }
}
