package org.jdive.agents.dqn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Optimizer;

/**
 * Adam (β = 0.9, 0.999, no weight decay) over parameters stacked along a leading member axis, each member with its
 * own learning rate. Where the members share one rate a step is the backend's fused Adam update of the whole stack;
 * otherwise it is the fused update's arithmetic, in its order, as tensor ops with the step size broadcast per member,
 * so that on the CPU backend each member's update equals a single {@link org.jdive.core.optim.Adam}'s bit for bit.
 */
final class MemberAdam extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;

    private final float[] learningRates;
    private final boolean shared;
    private final float eps;

    MemberAdam(List<Tensor> params, float[] learningRates, float eps) {
        super(params, learningRates[0]);
        for (float lr : learningRates) {
            if (!(lr > 0) || Float.isInfinite(lr)) {
                throw new IllegalArgumentException("a member's learning rate must be finite and > 0, got "
                        + Arrays.toString(learningRates));
            }
        }
        this.learningRates = learningRates.clone();
        boolean same = true;
        for (float lr : learningRates) {
            same &= lr == learningRates[0];
        }
        this.shared = same;
        this.eps = eps;
    }

    @Override
    protected List<String> stateNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step) {
        if (shared) {
            param.backend().adamUpdate(param.buffer(), grad.buffer(), bufferOf(state, "exp_avg"),
                    bufferOf(state, "exp_avg_sq"), param.size(), learningRates[0], BETA1, BETA2, eps, 0f, false, step);
            return;
        }
        double correction1 = 1.0 - Math.pow(BETA1, step);
        float sqrtCorrection2 = (float) Math.sqrt(1.0 - Math.pow(BETA2, step));
        float[] stepSizes = new float[learningRates.length];
        for (int i = 0; i < stepSizes.length; i++) {
            stepSizes[i] = (float) (learningRates[i] / correction1);
        }
        int[] perMember = new int[param.rank()];
        Arrays.fill(perMember, 1);
        perMember[0] = learningRates.length;
        Tensor m = state.get("exp_avg");
        Tensor v = state.get("exp_avg_sq");
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            m.copyFromInPlace(m.mul(BETA1).add(grad.mul(1f - BETA1)));
            v.copyFromInPlace(v.mul(BETA2).add(grad.mul(1f - BETA2).mul(grad)));
            Tensor denom = v.sqrt().div(Tensor.full(param.backend(), sqrtCorrection2)).add(eps);
            Tensor stepSize = Tensor.of(param.backend(), stepSizes, perMember);
            param.copyFromInPlace(param.sub(stepSize.mul(m).div(denom)));
        }
    }
}
