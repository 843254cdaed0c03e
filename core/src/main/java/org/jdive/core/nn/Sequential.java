package org.jdive.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Tensor;

/** Layers applied in order, as PyTorch's {@code nn.Sequential}; the children are named {@code 0, 1, 2, ...}. */
public final class Sequential extends Module {

    private final List<Module> layers = new ArrayList<>();

    /** The given layers, in order; {@link #add} appends more. */
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends {@code layer}; returns this. */
    public Sequential add(Module layer) {
        registerModule(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    /** The layer at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IndexOutOfBoundsException("layer " + index + " of a Sequential of " + layers.size());
        }
        return layers.get(index);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x;
        for (Module m : layers) {
            out = m.forward(out);
        }
        return out;
    }
}
