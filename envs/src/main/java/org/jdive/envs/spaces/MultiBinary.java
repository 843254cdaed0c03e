package org.jdive.envs.spaces;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Space;

/** Arrays of 0s and 1s of a fixed shape, as Gymnasium's {@code MultiBinary} (e.g. MinAtar's 10x10xC frames). */
public final class MultiBinary implements Space {

    private final int[] shape;

    /**
     * The arrays of 0s and 1s of {@code shape}, each dimension positive; elements are carried as floats 0 and 1,
     * row-major.
     */
    public MultiBinary(int... shape) {
        this.shape = Box.checkedShape(shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean contains(float[] x) {
        if (x.length != size()) {
            return false;
        }
        for (float v : x) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[] sample(UniformRandomProvider rng) {
        float[] x = new float[size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextBoolean() ? 1f : 0f;
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiBinary m && Arrays.equals(shape, m.shape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "MultiBinary" + Arrays.toString(shape);
    }
}
