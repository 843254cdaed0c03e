package org.jdive.core.nn;

import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.init.Fans;
import org.jdive.core.nn.init.Init;

/**
 * A layer with a {@code weight} and an optional {@code bias} whose shapes follow from the number of input
 * features or channels. That number may be left unknown ({@link #LAZY}), as in PyTorch's {@code LazyLinear}:
 * the parameters are then created by the first {@link #forward}, on the input's backend.
 *
 * <p>D2L's {@code net.apply(init_xavier)} reads {@code net.apply(m -> { if (m instanceof WeightedLayer w)
 * w.initialize(Init.xavierUniform(), Init.zeros()); })}.
 */
public abstract sealed class WeightedLayer extends Module permits Linear, Conv2d, ConvTranspose2d {

    /** The input size of a lazy layer, inferred from its first input. */
    static final int LAZY = -1;

    private final IntFunction<int[]> weightShape;
    private final int biasSize;
    private final boolean hasBias;
    private final UniformRandomProvider rng;
    private Init weightInit = Init.pytorchDefault();
    private Init biasInit;
    private int inSize;
    protected Tensor weight;
    protected Tensor bias;

    /**
     * @param weightShape the weight's shape for a given input size
     * @param biasSize    the number of bias elements
     */
    WeightedLayer(int inSize, IntFunction<int[]> weightShape, int biasSize, boolean hasBias, UniformRandomProvider rng) {
        if (inSize <= 0 && inSize != LAZY) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input size must be positive, got " + inSize);
        }
        this.inSize = inSize;
        this.weightShape = weightShape;
        this.biasSize = biasSize;
        this.hasBias = hasBias;
        this.rng = rng;
        if (inSize != LAZY) {
            materialize(Backends.getDefault(), inSize);
        }
    }

    /** The input size along the feature or channel axis, or {@link #LAZY} until the first forward of a lazy layer. */
    public final int inSize() {
        return inSize;
    }

    /** Creates the parameters for a lazy layer on its first input, whose size along the feature axis is {@code in}. */
    protected final void materializeFor(Tensor input, int in) {
        if (weight == null) {
            materialize(input.backend(), in);
        } else if (in != inSize) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects " + inSize
                    + " input features/channels, got input of shape " + shapeStr(input.shape()));
        }
    }

    private void materialize(Backend backend, int in) {
        inSize = in;
        try (Scope persistent = Scope.none()) {
            weight = registerParameter("weight", Tensor.zeros(backend, weightShape.apply(in)));
            if (hasBias) {
                bias = registerParameter("bias", Tensor.zeros(backend, biasSize));
            }
        }
        resetParameters();
    }

    /**
     * Re-draws the parameters with {@code weightInit} for the weight and {@code biasInit} for the bias (null:
     * PyTorch's default {@code U(±1/√fanIn)}). On a lazy layer that has not seen an input yet, the inits are
     * remembered and used when it does. D2L's {@code init_xavier} is {@code initialize(Init.xavierUniform(),
     * Init.zeros())}, applied to every layer with {@code net.apply(...)}.
     */
    public final void initialize(Init weightInit, Init biasInit) {
        this.weightInit = weightInit;
        this.biasInit = biasInit;
        if (weight != null) {
            resetParameters();
        }
    }

    private void resetParameters() {
        weightInit.fill(weight, rng);
        if (bias != null) {
            Init b = biasInit != null ? biasInit : Init.pytorchDefaultBias(Fans.of(weight.shape()).in());
            b.fill(bias, rng);
        }
    }

    /** The weight; null until a lazy layer has seen its first input. */
    public final Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public final Tensor bias() {
        return bias;
    }

    /** Whether the layer adds a bias. */
    public final boolean hasBias() {
        return hasBias;
    }

    @Override
    public final boolean isInitialized() {
        return weight != null;
    }
}
