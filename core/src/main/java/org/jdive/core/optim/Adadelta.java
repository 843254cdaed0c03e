package org.jdive.core.optim;

import java.util.List;
import java.util.Map;
import org.jdive.core.Tensor;

/**
 * Adadelta (Zeiler; D2L 12.9) as PyTorch's {@code torch.optim.Adadelta}: steps scaled by the ratio of the
 * running RMS of past updates to that of gradients. State: {@code square_avg}, {@code acc_delta}. The rule is
 * {@link org.jdive.core.backend.Backend#adadeltaUpdate}.
 */
public final class Adadelta extends Optimizer {

    private final float rho;
    private final float eps;
    private final float weightDecay;

    /** PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
    public Adadelta(List<Tensor> params) {
        this(params, 1f, 0.9f, 1e-6f, 0f);
    }

    /**
     * Adadelta over {@code params}.
     *
     * @param lr scales the step, 1 in Zeiler's rule
     * @param rho the decay of both running averages, in [0, 1)
     * @param eps added inside both roots
     * @param weightDecay L2 weight decay added to the gradient
     */
    public Adadelta(List<Tensor> params, float lr, float rho, float eps, float weightDecay) {
        super(params, lr);
        requireFraction("Adadelta", "rho", rho);
        requireNonNegative("Adadelta", "eps", eps);
        requireNonNegative("Adadelta", "weight decay", weightDecay);
        this.rho = rho;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("square_avg", "acc_delta");
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        param.backend().adadeltaUpdate(param.buffer(), grad.buffer(), bufferOf(state, "square_avg"),
                bufferOf(state, "acc_delta"), param.size(), lr(), rho, eps, weightDecay);
    }
}
