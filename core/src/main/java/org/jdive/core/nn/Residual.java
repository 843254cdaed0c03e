package org.jdive.core.nn;

import java.util.Arrays;
import org.jdive.core.Tensor;

/**
 * A residual connection (D2L 8.6): {@code body(x) + shortcut(x)}, the shortcut the identity or, where the body
 * changes the shape, a layer that changes it alike (ResNet's strided 1×1 convolution). The activation that follows
 * the sum in ResNet's block is the next layer's job: {@code new Sequential(new Residual(body, shortcut), new Relu())}
 * is the book's {@code Residual}. The children are named {@code body} and, when there is one, {@code shortcut}.
 */
public final class Residual extends Module {

    private final Module body;
    private final Module shortcut;

    /** {@code body(x) + x}. */
    public Residual(Module body) {
        this.body = registerModule("body", body);
        this.shortcut = null;
    }

    /** {@code body(x) + shortcut(x)}. */
    public Residual(Module body, Module shortcut) {
        this.body = registerModule("body", body);
        this.shortcut = registerModule("shortcut", shortcut);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = body.forward(x);
        Tensor skip = shortcut == null ? x : shortcut.forward(x);
        if (!Arrays.equals(y.shape(), skip.shape())) {
            throw new IllegalArgumentException("Residual: the body gives " + shapeStr(y.shape()) + " but the "
                    + (shortcut == null ? "identity shortcut" : "shortcut") + " " + shapeStr(skip.shape())
                    + (shortcut == null ? "; give a shortcut that maps the input to the body's shape "
                    + "(ResNet: a 1×1 convolution with the body's stride)" : ""));
        }
        return y.add(skip);
    }
}
