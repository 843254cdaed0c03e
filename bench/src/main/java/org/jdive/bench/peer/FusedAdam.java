package org.jdive.bench.peer;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;

/** Adam over a list of parameters, one fused backend update per parameter (the SPI's {@code adamUpdate}). */
final class FusedAdam {

    private final List<Tensor> params;
    private final List<Tensor> m = new ArrayList<>();
    private final List<Tensor> v = new ArrayList<>();
    private final float lr;
    private final float beta1;
    private final float beta2;
    private int step;

    FusedAdam(List<Tensor> params, float lr, float beta1, float beta2) {
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        try (Scope persistent = Scope.none()) {
            for (Tensor p : this.params) {
                m.add(Tensor.zeros(p.backend(), p.shape()));
                v.add(Tensor.zeros(p.backend(), p.shape()));
            }
        }
    }

    void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    void step() {
        step++;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) {
                p.backend().adamUpdate(p.buffer(), p.grad().buffer(), m.get(i).buffer(), v.get(i).buffer(), p.size(),
                        lr, beta1, beta2, 1e-8f, 0f, false, step);
            }
        }
    }
}
