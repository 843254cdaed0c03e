package org.jdive.core.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Fused optimizer updates of the CPU backend; see {@link org.jdive.core.backend.Backend#sgdUpdate}. */
final class CpuOptimizers {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private CpuOptimizers() {
    }

    static void sgd(float[] p, float[] g, float[] v, int n, float lr, float momentum, float dampening,
                    float weightDecay, boolean nesterov, boolean firstStep) {
        Parallel.forRange(n, CpuElementwise.PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                float d = g[i] + weightDecay * p[i];
                if (momentum != 0f) {
                    v[i] = firstStep ? d : momentum * v[i] + (1f - dampening) * d;
                    d = nesterov ? d + momentum * v[i] : v[i];
                }
                p[i] -= lr * d;
            }
        });
    }

    static void adam(float[] p, float[] g, float[] m, float[] v, int n, float lr, float beta1, float beta2,
                     float eps, float weightDecay, boolean decoupled, int step) {
        double correction1 = 1.0 - Math.pow(beta1, step);
        double correction2 = 1.0 - Math.pow(beta2, step);
        float stepSize = (float) (lr / correction1);
        float sqrtCorrection2 = (float) Math.sqrt(correction2);
        Parallel.forRange(n, CpuElementwise.PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                float grad = g[i];
                if (decoupled) {
                    p[i] *= 1f - lr * weightDecay;
                } else {
                    grad += weightDecay * p[i];
                }
                m[i] = beta1 * m[i] + (1f - beta1) * grad;
                v[i] = beta2 * v[i] + (1f - beta2) * grad * grad;
                float denom = (float) Math.sqrt(v[i]) / sqrtCorrection2 + eps;
                p[i] -= stepSize * m[i] / denom;
            }
        });
    }

    static void rmsprop(float[] p, float[] g, float[] v, float[] gAvg, float[] buf, int n, float lr, float alpha,
                        float eps, float weightDecay, float momentum) {
        Parallel.forRange(n, CpuElementwise.PARALLEL_GRAIN, (from, to) -> {
            int i = from;
            if (gAvg != null && buf == null) {
                i = centredRmspropVectors(p, g, v, gAvg, from, to, lr, alpha, eps, weightDecay);
            }
            for (; i < to; i++) {
                float grad = g[i] + weightDecay * p[i];
                v[i] = alpha * v[i] + (1f - alpha) * grad * grad;
                float avg;
                if (gAvg != null) {
                    gAvg[i] = alpha * gAvg[i] + (1f - alpha) * grad;
                    avg = (float) Math.sqrt(v[i] - gAvg[i] * gAvg[i]) + eps;
                } else {
                    avg = (float) Math.sqrt(v[i]) + eps;
                }
                if (buf != null) {
                    buf[i] = momentum * buf[i] + grad / avg;
                    p[i] -= lr * buf[i];
                } else {
                    p[i] -= lr * grad / avg;
                }
            }
        });
    }

    /**
     * Centred RMSProp without momentum (DQN's optimizer) a vector at a time over whole vectors of
     * {@code [from, to)}, with the scalar loop's operations in its order (a float square root is correctly
     * rounded either way), so the result is the same bit for bit; returns where the scalar loop takes over.
     */
    private static int centredRmspropVectors(float[] p, float[] g, float[] v, float[] gAvg, int from, int to,
                                             float lr, float alpha, float eps, float weightDecay) {
        int end = from + F.loopBound(to - from);
        float keep = 1f - alpha;
        for (int i = from; i < end; i += F.length()) {
            FloatVector param = FloatVector.fromArray(F, p, i);
            FloatVector grad = FloatVector.fromArray(F, g, i).add(param.mul(weightDecay));
            FloatVector square = FloatVector.fromArray(F, v, i).mul(alpha).add(grad.mul(keep).mul(grad));
            FloatVector mean = FloatVector.fromArray(F, gAvg, i).mul(alpha).add(grad.mul(keep));
            FloatVector avg = square.sub(mean.mul(mean)).sqrt().add(eps);
            square.intoArray(v, i);
            mean.intoArray(gAvg, i);
            param.sub(grad.mul(lr).div(avg)).intoArray(p, i);
        }
        return end;
    }

    static void adagrad(float[] p, float[] g, float[] sum, int n, float lr, float lrDecay, float weightDecay,
                        float eps, int step) {
        float clr = lr / (1f + (step - 1) * lrDecay);
        Parallel.forRange(n, CpuElementwise.PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                float grad = g[i] + weightDecay * p[i];
                sum[i] += grad * grad;
                p[i] -= clr * grad / ((float) Math.sqrt(sum[i]) + eps);
            }
        });
    }

    static void adadelta(float[] p, float[] g, float[] v, float[] acc, int n, float lr, float rho, float eps,
                         float weightDecay) {
        Parallel.forRange(n, CpuElementwise.PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                float grad = g[i] + weightDecay * p[i];
                v[i] = rho * v[i] + (1f - rho) * grad * grad;
                float delta = (float) (Math.sqrt(acc[i] + eps) / Math.sqrt(v[i] + eps)) * grad;
                acc[i] = rho * acc[i] + (1f - rho) * delta * delta;
                p[i] -= lr * delta;
            }
        });
    }
}
