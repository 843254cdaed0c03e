package org.jdive.agents.offpolicy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;

/** Stable-Baselines3's {@code create_mlp}: ReLU hidden layers with PyTorch's default initialisation. */
final class Mlp {

    private Mlp() {
    }

    /** Linear layers of the {@code hidden} widths, each followed by a ReLU, then a linear head of {@code out}. */
    static Sequential of(int in, int[] hidden, int out, UniformRandomProvider rng) {
        List<Module> layers = hiddenLayers(in, hidden, rng);
        layers.add(new Linear(hidden.length == 0 ? in : hidden[hidden.length - 1], out, rng));
        return new Sequential(layers.toArray(Module[]::new));
    }

    /** The hidden part alone (the latent features), ending in a ReLU. */
    static Sequential body(int in, int[] hidden, UniformRandomProvider rng) {
        return new Sequential(hiddenLayers(in, hidden, rng).toArray(Module[]::new));
    }

    private static List<Module> hiddenLayers(int in, int[] hidden, UniformRandomProvider rng) {
        List<Module> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(new Linear(width, h, rng));
            layers.add(new Relu());
            width = h;
        }
        return layers;
    }
}
