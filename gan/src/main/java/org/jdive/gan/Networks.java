package org.jdive.gan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.init.Init;

/** Helpers shared by the GAN builders: creating lazy layers on a backend and D2L's initialisation. */
public final class Networks {

    private Networks() {
    }

    /**
     * Creates the parameters of a network built from lazy layers on {@code backend} by one forward pass of a
     * zero batch of two {@code inputShape} examples in evaluation mode (so batch-norm statistics do not move),
     * then puts the network back in training mode; returns it.
     */
    public static <M extends Module> M materialize(M net, Backend backend, int... inputShape) {
        int[] shape = new int[inputShape.length + 1];
        shape[0] = 2;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        net.eval();
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            net.forward(Tensor.zeros(backend, shape));
        }
        net.train();
        return net;
    }

    /** D2L's GAN initialisation (20.1, 20.2): every parameter, weights and biases alike, drawn from {@code N(0, std²)}. */
    public static void initNormal(Module net, float std, UniformRandomProvider rng) {
        Init normal = Init.normal(0f, std);
        for (Tensor p : net.parameters()) {
            normal.fill(p, rng);
        }
    }
}
