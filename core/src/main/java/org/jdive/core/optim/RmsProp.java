package org.jdive.core.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.core.Tensor;

/**
 * RMSProp (Tieleman and Hinton; D2L 12.8) as PyTorch's {@code torch.optim.RMSprop}, optionally centred
 * (Graves: the variance, not the raw second moment, scales the step) and with momentum. State:
 * {@code square_avg}, plus {@code grad_avg} when centred and {@code momentum_buffer} with momentum. The rule is
 * {@link org.jdive.core.backend.Backend#rmspropUpdate}.
 */
public final class RmsProp extends Optimizer {

    private final float alpha;
    private final float eps;
    private final float weightDecay;
    private final float momentum;
    private final boolean centered;

    /** PyTorch's defaults: alpha 0.99, eps 1e-8, no weight decay, no momentum, not centred. */
    public RmsProp(List<Tensor> params, float lr) {
        this(params, lr, 0.99f, 1e-8f, 0f, 0f, false);
    }

    /**
     * RMSProp over {@code params} with step size {@code lr}.
     *
     * @param alpha the decay of the running average of squared gradients, in [0, 1)
     * @param eps added to the root before dividing
     * @param weightDecay L2 weight decay added to the gradient
     * @param momentum the momentum of the steps; 0 for none
     * @param centered divide by the root of the variance (the squared average less the squared mean gradient) instead
     */
    public RmsProp(List<Tensor> params, float lr, float alpha, float eps, float weightDecay, float momentum,
                   boolean centered) {
        super(params, lr);
        requireFraction("RMSprop", "alpha", alpha);
        requireNonNegative("RMSprop", "eps", eps);
        requireNonNegative("RMSprop", "weight decay", weightDecay);
        requireNonNegative("RMSprop", "momentum", momentum);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    protected List<String> stateNames() {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (centered) {
            names.add("grad_avg");
        }
        if (momentum > 0) {
            names.add("momentum_buffer");
        }
        return names;
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        param.backend().rmspropUpdate(param.buffer(), grad.buffer(), bufferOf(state, "square_avg"),
                bufferOf(state, "grad_avg"), bufferOf(state, "momentum_buffer"), param.size(), lr(), alpha, eps,
                weightDecay, momentum);
    }
}
