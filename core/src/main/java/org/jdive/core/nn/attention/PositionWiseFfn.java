package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;

/**
 * The position-wise feed-forward network, D2L 11.7.2's {@code PositionWiseFFN}: the same two-layer ReLU MLP applied
 * to every position, {@code dense2(relu(dense1(x)))}, both layers lazy and with a bias.
 */
public final class PositionWiseFfn extends Module {

    private final Linear dense1;
    private final Relu relu;
    private final Linear dense2;

    /** A network with {@code ffnNumHiddens} hidden units and {@code ffnNumOutputs} outputs, drawn by {@code rng}. */
    public PositionWiseFfn(int ffnNumHiddens, int ffnNumOutputs, UniformRandomProvider rng) {
        dense1 = registerModule("dense1", Linear.lazy(ffnNumHiddens, rng));
        relu = registerModule("relu", new Relu());
        dense2 = registerModule("dense2", Linear.lazy(ffnNumOutputs, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return dense2.forward(relu.forward(dense1.forward(x)));
    }
}
