package org.jdive.core.optim;

import java.util.List;
import org.jdive.core.Tensor;

/**
 * AdamW (Loshchilov and Hutter) as PyTorch's {@code torch.optim.AdamW}: Adam whose weight decay shrinks the
 * parameter directly ({@code p -= lr·weightDecay·p}) instead of entering the moments. State: {@code exp_avg},
 * {@code exp_avg_sq}.
 */
public final class AdamW extends AdamFamily {

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public AdamW(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f, 0.01f);
    }

    /**
     * AdamW over {@code params} with step size {@code lr}.
     *
     * @param beta1 the decay of the first moment, in [0, 1)
     * @param beta2 the decay of the second moment, in [0, 1)
     * @param eps added to the root of the second moment before dividing
     * @param weightDecay the decoupled decay: each step first shrinks the parameter by {@code lr·weightDecay·p}
     */
    public AdamW(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
