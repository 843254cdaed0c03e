package org.jdive.core.nn.attention;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Gelu;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;

/**
 * The vision Transformer's MLP, D2L 11.8.3's {@code ViTMLP}: {@code dropout(dense2(dropout(gelu(dense1(x)))))},
 * both layers lazy with a bias, GELU exact.
 */
public final class VitMlp extends Module {

    private final Linear dense1;
    private final Gelu gelu;
    private final Dropout dropout1;
    private final Linear dense2;
    private final Dropout dropout2;

    /** An MLP with {@code mlpNumHiddens} hidden units and {@code mlpNumOutputs} outputs, drawn by {@code rng}. */
    public VitMlp(int mlpNumHiddens, int mlpNumOutputs, float dropout, UniformRandomProvider rng) {
        this(mlpNumHiddens, mlpNumOutputs, dropout, rng, rng);
    }

    /** An MLP whose layers are drawn by {@code rng} and whose dropout masks, as it trains, by {@code masks}. */
    public VitMlp(int mlpNumHiddens, int mlpNumOutputs, float dropout, UniformRandomProvider rng,
                  UniformRandomProvider masks) {
        dense1 = registerModule("dense1", Linear.lazy(mlpNumHiddens, rng));
        gelu = registerModule("gelu", new Gelu());
        dropout1 = registerModule("dropout1", new Dropout(dropout, masks));
        dense2 = registerModule("dense2", Linear.lazy(mlpNumOutputs, rng));
        dropout2 = registerModule("dropout2", new Dropout(dropout, masks));
    }

    @Override
    public Tensor forward(Tensor x) {
        return dropout2.forward(dense2.forward(dropout1.forward(gelu.forward(dense1.forward(x)))));
    }
}
