// Fused optimizer steps, one work-item per parameter, in PyTorch's form (see Backend's Javadoc). Scalars
// that do not depend on the element (bias corrections, decayed rates) are computed on the host.

__kernel void sgd_step(__global float* p, __global const float* g, __global float* v, const int n,
                       const float lr, const float momentum, const float dampening, const float weightDecay,
                       const int nesterov, const int firstStep) {
    const int i = get_global_id(0);
    if (i >= n) return;
    float d = g[i] + weightDecay * p[i];
    if (momentum != 0.0f) {
        v[i] = firstStep ? d : momentum * v[i] + (1.0f - dampening) * d;
        d = nesterov ? d + momentum * v[i] : v[i];
    }
    p[i] -= lr * d;
}

__kernel void adam_step(__global float* p, __global const float* g, __global float* m, __global float* v,
                        const int n, const float lr, const float beta1, const float beta2, const float eps,
                        const float weightDecay, const int decoupled, const float stepSize,
                        const float sqrtCorrection2) {
    const int i = get_global_id(0);
    if (i >= n) return;
    float grad = g[i];
    if (decoupled) {
        p[i] *= 1.0f - lr * weightDecay;
    } else {
        grad += weightDecay * p[i];
    }
    m[i] = beta1 * m[i] + (1.0f - beta1) * grad;
    v[i] = beta2 * v[i] + (1.0f - beta2) * grad * grad;
    const float denom = sqrt(v[i]) / sqrtCorrection2 + eps;
    p[i] -= stepSize * m[i] / denom;
}

__kernel void rmsprop_step(__global float* p, __global const float* g, __global float* v, __global float* gAvg,
                           __global float* buf, const int n, const float lr, const float alpha, const float eps,
                           const float weightDecay, const float momentum, const int centered,
                           const int withMomentum) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const float grad = g[i] + weightDecay * p[i];
    v[i] = alpha * v[i] + (1.0f - alpha) * grad * grad;
    float avg;
    if (centered) {
        gAvg[i] = alpha * gAvg[i] + (1.0f - alpha) * grad;
        avg = sqrt(v[i] - gAvg[i] * gAvg[i]) + eps;
    } else {
        avg = sqrt(v[i]) + eps;
    }
    if (withMomentum) {
        buf[i] = momentum * buf[i] + grad / avg;
        p[i] -= lr * buf[i];
    } else {
        p[i] -= lr * grad / avg;
    }
}

__kernel void adagrad_step(__global float* p, __global const float* g, __global float* sum, const int n,
                           const float clr, const float weightDecay, const float eps) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const float grad = g[i] + weightDecay * p[i];
    sum[i] += grad * grad;
    p[i] -= clr * grad / (sqrt(sum[i]) + eps);
}

__kernel void adadelta_step(__global float* p, __global const float* g, __global float* v, __global float* acc,
                            const int n, const float lr, const float rho, const float eps, const float weightDecay) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const float grad = g[i] + weightDecay * p[i];
    v[i] = rho * v[i] + (1.0f - rho) * grad * grad;
    const float delta = sqrt(acc[i] + eps) / sqrt(v[i] + eps) * grad;
    acc[i] = rho * acc[i] + (1.0f - rho) * delta * delta;
    p[i] -= lr * delta;
}
