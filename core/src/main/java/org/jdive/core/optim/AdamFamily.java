package org.jdive.core.optim;

import java.util.List;
import java.util.Map;
import org.jdive.core.Tensor;

/** Adam's rule, shared by {@link Adam} (weight decay added to the gradient) and {@link AdamW} (decoupled). */
abstract sealed class AdamFamily extends Optimizer permits Adam, AdamW {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;

    AdamFamily(String name, List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay,
               boolean decoupled) {
        super(params, lr);
        requireFraction(name, "beta1", beta1);
        requireFraction(name, "beta2", beta2);
        requireNonNegative(name, "eps", eps);
        requireNonNegative(name, "weight decay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    protected final List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected final void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        param.backend().adamUpdate(param.buffer(), grad.buffer(), bufferOf(state, "exp_avg"),
                bufferOf(state, "exp_avg_sq"), param.size(), lr(), beta1, beta2, eps, weightDecay, decoupled, step);
    }
}
