package org.jdive.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Checks autograd against central finite differences. The output is projected to a scalar with fixed random
 * weights, so every output element's gradient is exercised with a distinct coefficient.
 */
public final class GradCheck {

    private static final double EPS = 1e-2;
    private static final double ABS_TOL = 2e-3;
    private static final double REL_TOL = 2e-2;

    private GradCheck() {
    }

    /** Random values in ±[lo, hi]: away from zero, where kinks (relu, abs, max) would spoil the difference. */
    public static Tensor away(UniformRandomProvider rng, float lo, float hi, int... shape) {
        float[] v = new float[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            float mag = lo + (hi - lo) * rng.nextFloat();
            v[i] = rng.nextBoolean() ? mag : -mag;
        }
        return Tensor.of(v, shape);
    }

    /** Random values in [lo, hi]. */
    public static Tensor uniform(UniformRandomProvider rng, float lo, float hi, int... shape) {
        float[] v = new float[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return Tensor.of(v, shape);
    }

    public static void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        try (Scope scope = Scope.open()) {
            for (Tensor in : inputs) {
                in.requiresGrad(true);
            }
            Tensor out = f.apply(inputs);
            float[] weights = new float[out.size()];
            UniformRandomProvider rng = Rng.seeded(weights.length);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = 0.5f + rng.nextFloat();
            }
            Tensor w = Tensor.of(weights, out.shape());
            out.mul(w).sum().backward();
            for (int k = 0; k < inputs.length; k++) {
                Tensor in = inputs[k];
                if (in.grad() == null) {
                    fail(name + ": input " + k + " received no gradient");
                }
                float[] analytic = in.grad().toFloatArray();
                float[] values = in.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    double numeric = (project(f, inputs, k, values, i, EPS, weights)
                            - project(f, inputs, k, values, i, -EPS, weights)) / (2 * EPS);
                    double diff = Math.abs(numeric - analytic[i]);
                    if (diff > ABS_TOL + REL_TOL * Math.abs(numeric)) {
                        fail(name + ": input " + k + " " + Arrays.toString(in.shape()) + " element " + i
                                + ": autograd " + analytic[i] + ", finite difference " + numeric);
                    }
                }
            }
            for (Tensor in : inputs) {
                in.grad().close();
            }
        }
    }

    /** Σ w·f(x) with input k's element i moved by delta, evaluated in double from float outputs. */
    private static double project(Function<Tensor[], Tensor> f, Tensor[] inputs, int k, float[] values, int i,
                                  double delta, float[] weights) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            float[] moved = values.clone();
            moved[i] = (float) (values[i] + delta);
            Tensor[] args = inputs.clone();
            args[k] = Tensor.of(moved, inputs[k].shape());
            float[] out = f.apply(args).toFloatArray();
            double s = 0;
            for (int j = 0; j < out.length; j++) {
                s += (double) weights[j] * out[j];
            }
            return s;
        }
    }
}
