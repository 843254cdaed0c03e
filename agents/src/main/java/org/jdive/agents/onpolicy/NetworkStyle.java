package org.jdive.agents.onpolicy;

import java.util.Locale;

/** How the actor's and the critic's MLPs are built: their activation and their first weights. */
public enum NetworkStyle {

    /**
     * CleanRL's (and SB3's): tanh hidden layers, orthogonal weights with gain √2, 0.01 for the policy head and 1 for
     * the value head, zero biases.
     */
    CLEANRL,

    /**
     * gymnax-blines' {@code CategoricalSeparateMLP}: ReLU hidden layers, Flax's default {@code lecun_normal}
     * weights and biases from {@code U[0, 0.05)}.
     */
    GYMNAX;

    /** The name scenario files use. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
