package org.jdive.core.nn.init;

import java.util.Arrays;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;

/** The fan-in and fan-out of a weight shape, computed as PyTorch's {@code _calculate_fan_in_and_fan_out}. */
public record Fans(int in, int out) {

    /** Which fan scales an init: the input's (preserves activations forward) or the output's (gradients backward). */
    public enum Mode {
        /** Scale by the fan-in, keeping the activations' variance in the forward pass. */
        FAN_IN,
        /** Scale by the fan-out, keeping the gradients' variance in the backward pass. */
        FAN_OUT
    }

    /** The fans of {@code shape}: {@code [d0, d1, k...]} gives {@code (d1·Πk, d0·Πk)}; rank 1 has no fans. */
    public static Fans of(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("fans need a weight of rank >= 2, got shape " + Arrays.toString(shape)
                    + "; initialise vectors (biases) with uniform, normal or constant");
        }
        int receptive = 1;
        for (int d = 2; d < shape.length; d++) {
            receptive *= shape[d];
        }
        return new Fans(shape[1] * receptive, shape[0] * receptive);
    }

    /** Copies {@code values} into {@code target} through a temporary tensor that is freed at once. */
    static void write(Tensor target, float[] values) {
        try (Scope s = Scope.open()) {
            target.copyFromInPlace(Tensor.of(target.backend(), values, target.shape()));
        }
    }
}
