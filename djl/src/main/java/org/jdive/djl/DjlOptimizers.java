package org.jdive.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * The SPI's fused optimizer updates composed from NDArray operations, updating parameters and state in place
 * (PyTorch's {@code sub_}, {@code mul_}, {@code add_}); temporaries belong to the caller's scope.
 */
final class DjlOptimizers {

    private DjlOptimizers() {
    }

    static void sgd(NDArray p, NDArray g, NDArray v, float lr, float momentum, float dampening, float weightDecay,
                    boolean nesterov, boolean firstStep) {
        NDArray d = weightDecay == 0f ? g : g.add(p.mul(weightDecay));
        if (momentum != 0f) {
            if (firstStep) {
                v.set(new NDIndex().addAllDim(), d);
            } else {
                v.muli(momentum).addi(d.mul(1f - dampening));
            }
            d = nesterov ? d.add(v.mul(momentum)) : v;
        }
        p.subi(d.mul(lr));
    }

    static void adam(NDArray p, NDArray g, NDArray m, NDArray v, float lr, float beta1, float beta2, float eps,
                     float weightDecay, boolean decoupled, int step) {
        double correction1 = 1.0 - Math.pow(beta1, step);
        double correction2 = 1.0 - Math.pow(beta2, step);
        NDArray grad = g;
        if (decoupled) {
            p.muli(1f - lr * weightDecay);
        } else if (weightDecay != 0f) {
            grad = g.add(p.mul(weightDecay));
        }
        m.muli(beta1).addi(grad.mul(1f - beta1));
        v.muli(beta2).addi(grad.square().muli(1f - beta2));
        NDArray denom = v.sqrt().divi((float) Math.sqrt(correction2)).addi(eps);
        p.subi(m.div(denom).muli((float) (lr / correction1)));
    }

    static void rmsprop(NDArray p, NDArray g, NDArray v, NDArray gAvg, NDArray buf, float lr, float alpha, float eps,
                        float weightDecay, float momentum) {
        NDArray grad = weightDecay == 0f ? g : g.add(p.mul(weightDecay));
        v.muli(alpha).addi(grad.square().muli(1f - alpha));
        NDArray avg;
        if (gAvg != null) {
            gAvg.muli(alpha).addi(grad.mul(1f - alpha));
            avg = v.sub(gAvg.square()).sqrt().addi(eps);
        } else {
            avg = v.sqrt().addi(eps);
        }
        if (buf != null) {
            buf.muli(momentum).addi(grad.div(avg));
            p.subi(buf.mul(lr));
        } else {
            p.subi(grad.div(avg).muli(lr));
        }
    }

    static void adagrad(NDArray p, NDArray g, NDArray sum, float lr, float lrDecay, float weightDecay, float eps,
                        int step) {
        float clr = lr / (1f + (step - 1) * lrDecay);
        NDArray grad = weightDecay == 0f ? g : g.add(p.mul(weightDecay));
        sum.addi(grad.square());
        p.subi(grad.div(sum.sqrt().addi(eps)).muli(clr));
    }

    static void adadelta(NDArray p, NDArray g, NDArray v, NDArray acc, float lr, float rho, float eps,
                         float weightDecay) {
        NDArray grad = weightDecay == 0f ? g : g.add(p.mul(weightDecay));
        v.muli(rho).addi(grad.square().muli(1f - rho));
        NDArray delta = acc.add(eps).sqrt().divi(v.add(eps).sqrt()).muli(grad);
        acc.muli(rho).addi(delta.square().muli(1f - rho));
        p.subi(delta.muli(lr));
    }
}
