package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.LayerNorm;
import org.jdive.core.nn.Module;

/**
 * The residual connection followed by layer normalisation, D2L 11.7.3's {@code AddNorm}:
 * {@code ln(dropout(y) + x)}, where {@code y} is what a sublayer made of {@code x}.
 */
public final class AddNorm extends Module {

    private final Dropout dropout;
    private final LayerNorm ln;

    /** Normalises over the last axis of size {@code normShape}; drops {@code y}'s elements with {@code dropout}. */
    public AddNorm(int normShape, float dropout, UniformRandomProvider rng) {
        this.dropout = registerModule("dropout", new Dropout(dropout, rng));
        this.ln = registerModule("ln", new LayerNorm(normShape));
    }

    /** {@code ln(dropout(y) + x)}. */
    public Tensor forward(Tensor x, Tensor y) {
        return ln.forward(dropout.forward(y).add(x));
    }

    /** Not defined: AddNorm takes the sublayer's input and output; call {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("AddNorm adds a sublayer's output to its input: call forward(x, y)");
    }
}
