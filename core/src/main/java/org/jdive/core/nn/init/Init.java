package org.jdive.core.nn.init;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;

/**
 * How a parameter gets its first values, as {@code torch.nn.init}. The fans are PyTorch's: for a weight of
 * shape {@code [d0, d1, k...]}, {@code fanIn = d1·Πk} and {@code fanOut = d0·Πk} (a {@code Linear} weight is
 * {@code [out, in]}, a {@code Conv2d} weight {@code [out, in, kH, kW]}).
 *
 * <p>Defaults per layer, which are PyTorch's (and so D2L's, which uses PyTorch's layers): {@code Linear},
 * {@code Conv2d} and {@code ConvTranspose2d} draw weights with {@link #pytorchDefault()} (Kaiming uniform with
 * {@code a = √5}, that is {@code U(±1/√fanIn)}) and biases from {@code U(±1/√fanIn)}; {@code Embedding} draws
 * from {@code N(0, 1)}; normalisation layers start at weight 1 and bias 0. D2L's chapters also use
 * {@code normal(0, 0.01)} with zero biases (ch. 3–5) and {@link #xavierUniform()} (ch. 5.4, 7–8).
 */
@FunctionalInterface
public interface Init {

    /** Fills {@code t} in place with values drawn from {@code rng}. */
    void fill(Tensor t, UniformRandomProvider rng);

    /** Every element {@code value}. */
    static Init constant(float value) {
        return (t, rng) -> {
            float[] v = new float[t.size()];
            java.util.Arrays.fill(v, value);
            Fans.write(t, v);
        };
    }

    /** Every element 0. */
    static Init zeros() {
        return constant(0f);
    }

    /** Every element 1. */
    static Init ones() {
        return constant(1f);
    }

    /** {@code N(mean, std²)}. */
    static Init normal(float mean, float std) {
        requireNonNegative(std, "std");
        return (t, rng) -> {
            var gauss = Rng.gaussian(rng);
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (mean + std * gauss.sample());
            }
            Fans.write(t, v);
        };
    }

    /** {@code U(lo, hi)}. */
    static Init uniform(float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("uniform init needs lo <= hi, got [" + lo + ", " + hi + "]");
        }
        return (t, rng) -> {
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + (hi - lo) * rng.nextFloat();
            }
            Fans.write(t, v);
        };
    }

    /**
     * Saxe et al.'s orthogonal init, as {@code torch.nn.init.orthogonal_}: the weight viewed as {@code rows × cols}
     * ({@code rows} its first dimension) becomes {@code gain} times a matrix with orthonormal rows or columns (the
     * fewer of the two), the Q of the QR decomposition of a standard normal matrix with the signs of R's diagonal
     * (so that the result is uniform over such matrices). CleanRL's PPO uses it with gain √2 for hidden layers,
     * 0.01 for the policy head and 1 for the value head.
     */
    static Init orthogonal(float gain) {
        return (t, rng) -> {
            int rows = t.shape()[0];
            int cols = t.size() / rows;
            boolean wide = rows < cols; // orthonormalise the longer side's vectors
            int n = wide ? cols : rows;
            int m = wide ? rows : cols;
            var gauss = Rng.gaussian(rng);
            double[][] a = new double[m][n]; // m vectors of length n
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double g = gauss.sample();
                    if (wide) {
                        a[i][j] = g;
                    } else {
                        a[j][i] = g;
                    }
                }
            }
            // Modified Gram-Schmidt: Q's columns, R's diagonal positive (the sign correction of torch's version)
            for (int k = 0; k < m; k++) {
                for (int p = 0; p < k; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += a[p][i] * a[k][i];
                    }
                    for (int i = 0; i < n; i++) {
                        a[k][i] -= dot * a[p][i];
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += a[k][i] * a[k][i];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    a[k][i] /= norm;
                }
            }
            float[] v = new float[t.size()];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    v[i * cols + j] = (float) (gain * (wide ? a[i][j] : a[j][i]));
                }
            }
            Fans.write(t, v);
        };
    }

    /** Glorot and Bengio's uniform init: {@code U(±gain·√(6 / (fanIn + fanOut)))}. */
    static Init xavierUniform(float gain) {
        return (t, rng) -> {
            Fans f = Fans.of(t.shape());
            float bound = (float) (gain * Math.sqrt(6.0 / (f.in() + f.out())));
            uniform(-bound, bound).fill(t, rng);
        };
    }

    /** Glorot and Bengio's uniform init with gain 1: {@code U(-a, a)}, {@code a = √(6 / (fanIn + fanOut))}. */
    static Init xavierUniform() {
        return xavierUniform(1f);
    }

    /** Glorot and Bengio's normal init: {@code N(0, gain²·2 / (fanIn + fanOut))}. */
    static Init xavierNormal(float gain) {
        return (t, rng) -> {
            Fans f = Fans.of(t.shape());
            normal(0f, (float) (gain * Math.sqrt(2.0 / (f.in() + f.out())))).fill(t, rng);
        };
    }

    /** Glorot and Bengio's normal init with gain 1: {@code N(0, 2 / (fanIn + fanOut))}. */
    static Init xavierNormal() {
        return xavierNormal(1f);
    }

    /**
     * He et al.'s uniform init for a (leaky) ReLU with negative slope {@code a} (0 for ReLU):
     * {@code U(±√3·gain/√fan)} with {@code gain = √(2 / (1 + a²))} and the fan chosen by {@code mode}.
     */
    static Init kaimingUniform(float a, Fans.Mode mode) {
        return (t, rng) -> {
            float bound = (float) (Math.sqrt(3.0) * kaimingStd(t, a, mode));
            uniform(-bound, bound).fill(t, rng);
        };
    }

    /** He et al.'s normal init: {@code N(0, gain²/fan)}, {@code gain = √(2 / (1 + a²))}. */
    static Init kaimingNormal(float a, Fans.Mode mode) {
        return (t, rng) -> normal(0f, (float) kaimingStd(t, a, mode)).fill(t, rng);
    }

    /** Kaiming normal for ReLU layers, fan-in mode: {@code N(0, 2/fanIn)}. */
    static Init kaimingNormal() {
        return kaimingNormal(0f, Fans.Mode.FAN_IN);
    }

    /**
     * LeCun's normal init as JAX/Flax draws it ({@code lecun_normal}, Flax's default for {@code Dense}): a normal
     * truncated to ±2 standard deviations, scaled so that the variance is {@code 1/fanIn}, that is a standard
     * deviation of {@code √(1/fanIn) / 0.87962566103423978} before truncation.
     */
    static Init lecunNormal() {
        return (t, rng) -> {
            double std = Math.sqrt(1.0 / Fans.of(t.shape()).in()) / 0.87962566103423978;
            var gauss = Rng.gaussian(rng);
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                double z;
                do {
                    z = gauss.sample();
                } while (Math.abs(z) > 2);
                v[i] = (float) (std * z);
            }
            Fans.write(t, v);
        };
    }

    /** PyTorch's default weight init of linear and convolution layers: Kaiming uniform with {@code a = √5}. */
    static Init pytorchDefault() {
        return kaimingUniform((float) Math.sqrt(5), Fans.Mode.FAN_IN);
    }

    /** PyTorch's default bias init for a layer whose weight has fan-in {@code fanIn}: {@code U(±1/√fanIn)}. */
    static Init pytorchDefaultBias(int fanIn) {
        float bound = fanIn > 0 ? (float) (1.0 / Math.sqrt(fanIn)) : 0f;
        return uniform(-bound, bound);
    }

    private static double kaimingStd(Tensor t, float a, Fans.Mode mode) {
        Fans f = Fans.of(t.shape());
        double gain = Math.sqrt(2.0 / (1.0 + (double) a * a));
        int fan = mode == Fans.Mode.FAN_IN ? f.in() : f.out();
        return gain / Math.sqrt(fan);
    }

    private static void requireNonNegative(float v, String what) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + v);
        }
    }
}
