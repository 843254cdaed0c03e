package org.jdive.core.optim;

import java.util.List;
import org.jdive.core.Tensor;

/**
 * Adam (Kingma and Ba; D2L 12.10) as PyTorch's {@code torch.optim.Adam}: bias-corrected first and second
 * moments, L2 weight decay added to the gradient. State: {@code exp_avg}, {@code exp_avg_sq}. The rule is
 * {@link org.jdive.core.backend.Backend#adamUpdate}.
 */
public final class Adam extends AdamFamily {

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f, 0f);
    }

    /**
     * Adam over {@code params} with step size {@code lr}.
     *
     * @param beta1 the decay of the first moment, in [0, 1)
     * @param beta2 the decay of the second moment, in [0, 1)
     * @param eps added to the root of the second moment before dividing
     * @param weightDecay L2 weight decay added to the gradient
     */
    public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        super("Adam", params, lr, beta1, beta2, eps, weightDecay, false);
    }
}
