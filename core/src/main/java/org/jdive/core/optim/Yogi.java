package org.jdive.core.optim;

import java.util.List;
import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;

/**
 * Yogi (Zaheer, Reddi, Sachan, Kale and Kumar, 2018; D2L 12.10.3): Adam whose second moment moves by a fixed
 * fraction of {@code g²} towards it, whatever the distance, instead of by a fraction of the distance, so that it
 * cannot forget large past gradients at once. With {@code g = grad + weightDecay·param} and {@code t} counted from 1:
 *
 * <pre>
 * v ← β₁·v + (1 − β₁)·g
 * s ← s + (1 − β₂)·sign(g² − s)·g²          (Adam: s ← s + (1 − β₂)·(g² − s))
 * p ← p − lr · (v / (1 − β₁ᵗ)) / (√(s / (1 − β₂ᵗ)) + eps)
 * </pre>
 *
 * as D2L writes it: moments start at zero and are bias-corrected as Adam's; eps is the paper's and the book's 10⁻³.
 * State: {@code exp_avg} ({@code v}) and {@code exp_avg_sq} ({@code s}), named as Adam's. The rule is composed of
 * tensor ops, so it runs on every backend without a fused kernel of its own.
 */
public final class Yogi extends Optimizer {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;

    /** D2L's and the paper's defaults: betas (0.9, 0.999), eps 10⁻³, no weight decay. */
    public Yogi(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-3f, 0f);
    }

    public Yogi(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay) {
        super(params, lr);
        requireFraction("Yogi", "beta1", beta1);
        requireFraction("Yogi", "beta2", beta2);
        requireNonNegative("Yogi", "eps", eps);
        requireNonNegative("Yogi", "weight decay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        Tensor v = state.get("exp_avg");
        Tensor s = state.get("exp_avg_sq");
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor g = weightDecay == 0 ? grad : grad.add(param.mul(weightDecay));
            Tensor g2 = g.square();
            v.copyFromInPlace(v.mul(beta1).add(g.mul(1 - beta1)));
            s.copyFromInPlace(s.add(g2.sub(s).sign().mul(g2).mul(1 - beta2)));
            float c1 = (float) (1 - Math.pow(beta1, step));
            float c2 = (float) (1 - Math.pow(beta2, step));
            param.addInPlace(v.div(c1).div(s.div(c2).sqrt().add(eps)), -lr());
        }
    }
}
