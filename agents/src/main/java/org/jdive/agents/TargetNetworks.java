package org.jdive.agents;

import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/** Target networks (DQN, SAC, TD3) follow their online networks by copies or Polyak averaging. */
public final class TargetNetworks {

    private TargetNetworks() {
    }

    /** {@code to ← τ·from + (1 − τ)·to} for every parameter and buffer (τ = 1: a hard copy). */
    public static void update(Module to, Module from, double tau) {
        Map<String, Tensor> source = from.stateDict();
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            for (Map.Entry<String, Tensor> entry : to.stateDict().entrySet()) {
                Tensor src = source.get(entry.getKey());
                Tensor dst = entry.getValue();
                if (tau >= 1.0) {
                    dst.copyFromInPlace(src);
                } else {
                    dst.addInPlace(src.sub(dst), (float) tau);
                }
            }
        }
    }
}
