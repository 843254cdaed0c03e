package org.jdive.core.optim;

import java.util.List;
import java.util.Map;
import org.jdive.core.Tensor;

/**
 * Adagrad (Duchi et al.; D2L 12.7) as PyTorch's {@code torch.optim.Adagrad}: each coordinate's step is divided
 * by the root of its summed squared gradients. State: {@code sum}. The rule is
 * {@link org.jdive.core.backend.Backend#adagradUpdate}.
 */
public final class Adagrad extends Optimizer {

    private final float lrDecay;
    private final float weightDecay;
    private final float eps;

    /** PyTorch's defaults: no lr decay, no weight decay, eps 1e-10. */
    public Adagrad(List<Tensor> params, float lr) {
        this(params, lr, 0f, 0f, 1e-10f);
    }

    /**
     * Adagrad over {@code params} with step size {@code lr}.
     *
     * @param lrDecay the step size at update {@code t} is {@code lr / (1 + (t - 1)·lrDecay)}
     * @param weightDecay L2 weight decay added to the gradient
     * @param eps added to the root before dividing
     */
    public Adagrad(List<Tensor> params, float lr, float lrDecay, float weightDecay, float eps) {
        super(params, lr);
        requireNonNegative("Adagrad", "lr decay", lrDecay);
        requireNonNegative("Adagrad", "weight decay", weightDecay);
        requireNonNegative("Adagrad", "eps", eps);
        this.lrDecay = lrDecay;
        this.weightDecay = weightDecay;
        this.eps = eps;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("sum");
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        param.backend().adagradUpdate(param.buffer(), grad.buffer(), bufferOf(state, "sum"), param.size(), lr(),
                lrDecay, weightDecay, eps, step);
    }
}
