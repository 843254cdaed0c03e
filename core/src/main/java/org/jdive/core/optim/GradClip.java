package org.jdive.core.optim;

import java.util.List;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;

/** Gradient clipping, as PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_}; parameters without a gradient are skipped. */
public final class GradClip {

    private GradClip() {
    }

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code maxNorm} (by
     * {@code maxNorm / (norm + 1e-6)} when it exceeds it, as PyTorch); returns the norm before clipping.
     */
    public static float byNorm(List<Tensor> params, float maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clip by norm: max norm must be positive, got " + maxNorm);
        }
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor squares = null;
            for (Tensor p : params) {
                if (p.grad() != null) {
                    Tensor s = p.grad().square().sum();
                    squares = squares == null ? s : squares.add(s);
                }
            }
            if (squares == null) {
                return 0f;
            }
            float norm = (float) Math.sqrt(squares.item());
            float coefficient = (float) (maxNorm / (norm + 1e-6));
            if (coefficient < 1f) {
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        p.grad().copyFromInPlace(p.grad().mul(coefficient));
                    }
                }
            }
            return norm;
        }
    }

    /** Limits every gradient element to {@code [-limit, limit]}. */
    public static void byValue(List<Tensor> params, float limit) {
        if (!(limit >= 0)) {
            throw new IllegalArgumentException("clip by value: limit must be >= 0, got " + limit);
        }
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.grad().copyFromInPlace(p.grad().clamp(-limit, limit));
                }
            }
        }
    }
}
