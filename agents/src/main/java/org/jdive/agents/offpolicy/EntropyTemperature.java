package org.jdive.agents.offpolicy;

import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/** SAC's learnt entropy temperature, held as its logarithm ({@code log_ent_coef}) so that α stays positive. */
final class EntropyTemperature extends Module {

    private final Tensor logAlpha;

    EntropyTemperature(double initial) {
        this.logAlpha = registerParameter("log_ent_coef", Tensor.of(new float[] {(float) Math.log(initial)}, 1));
    }

    /** {@code log α}, [1], with its gradient. */
    Tensor logAlpha() {
        return logAlpha;
    }

    /** α as it stands. */
    float alpha() {
        return (float) Math.exp(logAlpha.item());
    }

    @Override
    public Tensor forward(Tensor input) {
        return logAlpha;
    }
}
