package org.jdive.core.optim;

import java.util.List;
import java.util.Map;
import org.jdive.core.Tensor;

/**
 * Stochastic gradient descent with optional momentum (with dampening), Nesterov momentum and L2 weight decay,
 * as PyTorch's {@code torch.optim.SGD} (D2L 12.4, 12.6); the rule is {@link org.jdive.core.backend.Backend#sgdUpdate}.
 * State: {@code momentum_buffer} when momentum is on.
 */
public final class Sgd extends Optimizer {

    private final float momentum;
    private final float dampening;
    private final float weightDecay;
    private final boolean nesterov;

    /** Plain SGD. */
    public Sgd(List<Tensor> params, float lr) {
        this(params, lr, 0f, 0f, false);
    }

    /**
     * SGD with {@code momentum} (0 for none) without dampening, L2 {@code weightDecay} added to the gradient, and
     * Nesterov's momentum if asked (which needs momentum).
     */
    public Sgd(List<Tensor> params, float lr, float momentum, float weightDecay, boolean nesterov) {
        this(params, lr, momentum, 0f, weightDecay, nesterov);
    }

    /**
     * SGD over {@code params} with step size {@code lr}.
     *
     * @param momentum the momentum; 0 for none
     * @param dampening the share of each gradient left out of the momentum buffer, in [0, 1]; Nesterov needs 0
     * @param weightDecay L2 weight decay added to the gradient
     * @param nesterov use Nesterov's momentum (needs momentum above 0)
     */
    public Sgd(List<Tensor> params, float lr, float momentum, float dampening, float weightDecay, boolean nesterov) {
        super(params, lr);
        requireNonNegative("SGD", "momentum", momentum);
        requireNonNegative("SGD", "weight decay", weightDecay);
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("SGD: dampening must be in [0, 1], got " + dampening);
        }
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got "
                    + momentum + " and " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    protected List<String> stateNames() {
        return momentum > 0 ? List.of("momentum_buffer") : List.of();
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        param.backend().sgdUpdate(param.buffer(), grad.buffer(), bufferOf(state, "momentum_buffer"), param.size(),
                lr(), momentum, dampening, weightDecay, nesterov, step == 1);
    }
}
