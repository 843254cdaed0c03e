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

    /** Checks the gradients of {@code f} with respect to every input; finite differences run under {@link NoGrad}. */
    public static void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(name, f, false, inputs);
    }

    /**
     * As {@link #check}, for an {@code f} that takes gradients itself (a gradient penalty): its finite differences
     * run with gradient recording on.
     */
    public static void checkRecording(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(name, f, true, inputs);
    }

    /**
     * Checks second derivatives, as PyTorch's {@code gradgradcheck}: the first-order gradients of {@code Σ w·f(inputs)}
     * are taken with {@code createGraph} and projected with fixed random weights to a scalar; that scalar's autograd
     * gradient (a Hessian-vector product through every rule) is checked against finite differences of the same
     * scalar, computed from first-order gradients only.
     */
    public static void checkSecondOrder(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        float[][] projections = new float[inputs.length][];
        UniformRandomProvider rng = Rng.seeded(inputs.length);
        for (int k = 0; k < inputs.length; k++) {
            projections[k] = new float[inputs[k].size()];
            for (int i = 0; i < projections[k].length; i++) {
                projections[k][i] = 0.5f + rng.nextFloat();
            }
        }
        check(name + " (second order)", args -> projectedGradient(f, args, projections), true, inputs);
    }

    /** {@code Σ_k v_k · ∂(Σ w·f)/∂input_k}, as part of the graph when recording is on. */
    private static Tensor projectedGradient(Function<Tensor[], Tensor> f, Tensor[] inputs, float[][] projections) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            leaves[k] = inputs[k].requiresGrad() ? inputs[k] : inputs[k].detach().requiresGrad(true);
        }
        Tensor out = f.apply(leaves);
        Tensor projected = out.mul(Tensor.of(weightsFor(out.size()), out.shape())).sum();
        Tensor[] grads = projected.gradient(true, leaves);
        Tensor q = Tensor.scalar(0f);
        for (int k = 0; k < inputs.length; k++) {
            q = q.add(grads[k].mul(Tensor.of(projections[k], inputs[k].shape())).sum());
        }
        return q;
    }

    private static float[] weightsFor(int n) {
        float[] weights = new float[n];
        UniformRandomProvider rng = Rng.seeded(n);
        for (int i = 0; i < n; i++) {
            weights[i] = 0.5f + rng.nextFloat();
        }
        return weights;
    }

    private static void check(String name, Function<Tensor[], Tensor> f, boolean recording, Tensor... inputs) {
        try (Scope scope = Scope.open()) {
            for (Tensor in : inputs) {
                in.requiresGrad(true);
            }
            Tensor out = f.apply(inputs);
            float[] weights = weightsFor(out.size());
            Tensor w = Tensor.of(weights, out.shape());
            Tensor projected = out.mul(w).sum();
            if (!projected.requiresGrad()) {
                requireZeroDerivatives(name, f, inputs, weights, recording);
                return;
            }
            projected.backward();
            for (int k = 0; k < inputs.length; k++) {
                Tensor in = inputs[k];
                if (in.grad() == null && !recording) {
                    fail(name + ": input " + k + " received no gradient");
                }
                float[] analytic = in.grad() == null ? new float[in.size()] : in.grad().toFloatArray();
                float[] values = in.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    double numeric = numeric(f, inputs, k, values, i, weights, recording);
                    double diff = Math.abs(numeric - analytic[i]);
                    if (diff > ABS_TOL + REL_TOL * Math.abs(numeric)) {
                        fail(name + ": input " + k + " " + Arrays.toString(in.shape()) + " element " + i
                                + ": autograd " + analytic[i] + ", finite difference " + numeric);
                    }
                }
            }
            for (Tensor in : inputs) {
                if (in.grad() != null) {
                    in.grad().close();
                }
            }
        }
    }

    /** An output that depends on no input through recorded ops: its finite differences must vanish too. */
    private static void requireZeroDerivatives(String name, Function<Tensor[], Tensor> f, Tensor[] inputs,
                                               float[] weights, boolean recording) {
        for (int k = 0; k < inputs.length; k++) {
            float[] values = inputs[k].toFloatArray();
            for (int i = 0; i < values.length; i++) {
                double numeric = numeric(f, inputs, k, values, i, weights, recording);
                if (Math.abs(numeric) > ABS_TOL) {
                    fail(name + ": autograd sees no dependence on input " + k + ", finite difference at element " + i
                            + " is " + numeric);
                }
            }
        }
    }

    private static double numeric(Function<Tensor[], Tensor> f, Tensor[] inputs, int k, float[] values, int i,
                                  float[] weights, boolean recording) {
        return (project(f, inputs, k, values, i, EPS, weights, recording)
                - project(f, inputs, k, values, i, -EPS, weights, recording)) / (2 * EPS);
    }

    /** Σ w·f(x) with input k's element i moved by delta, evaluated in double from float outputs. */
    private static double project(Function<Tensor[], Tensor> f, Tensor[] inputs, int k, float[] values, int i,
                                  double delta, float[] weights, boolean recording) {
        try (Scope scope = Scope.open(); NoGrad off = recording ? null : NoGrad.open()) {
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
