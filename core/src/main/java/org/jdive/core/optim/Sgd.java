package org.jdive.core.optim;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, with
 * PyTorch's update rule (see {@link org.jdive.core.backend.Backend#sgdUpdate}), run as one fused backend op
 * per parameter.
 */
public final class Sgd {

    private final List<Tensor> params;
    private final float lr;
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    private final List<Tensor> velocity = new ArrayList<>();
    private boolean started;

    /** Plain SGD. */
    public Sgd(List<Tensor> params, float lr) {
        this(params, lr, 0f, 0f, false);
    }

    public Sgd(List<Tensor> params, float lr, float momentum, float weightDecay, boolean nesterov) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        if (momentum < 0 || (nesterov && momentum == 0)) {
            throw new IllegalArgumentException("momentum must be >= 0 (and > 0 for Nesterov), got " + momentum);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        if (momentum > 0) {
            try (Scope persistent = Scope.none()) {
                for (Tensor p : this.params) {
                    velocity.add(Tensor.zeros(p.backend(), p.shape()));
                }
            }
        }
    }

    /** Updates every parameter that has a gradient. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() == null) {
                continue;
            }
            p.backend().sgdUpdate(p.buffer(), p.grad().buffer(), momentum > 0 ? velocity.get(i).buffer() : null,
                    p.size(), lr, momentum, 0f, weightDecay, nesterov, !started);
        }
        started = true;
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }
}
