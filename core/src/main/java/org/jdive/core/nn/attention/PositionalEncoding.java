package org.jdive.core.nn.attention;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Module;

/**
 * Sinusoidal positional encoding, D2L 11.6.3's {@code PositionalEncoding}: adds to the input {@code [batch, steps,
 * numHiddens]} the table {@code P[i, 2j] = sin(i / 10000^(2j/d))}, {@code P[i, 2j+1] = cos(i / 10000^(2j/d))},
 * then applies dropout. The table is fixed (not a parameter, not in the state dict), computed in float32 as the book.
 */
public final class PositionalEncoding extends Module {

    private final int numHiddens;
    private final int maxLen;
    private final float[] table;
    private final Dropout dropout;

    /** The book's default: positions up to 1000. */
    public PositionalEncoding(int numHiddens, float dropout, UniformRandomProvider rng) {
        this(numHiddens, dropout, 1000, rng);
    }

    /**
     * @param numHiddens the feature size, even
     * @param dropout    the probability of dropping an element of the sum in training
     * @param maxLen     the longest sequence it can encode
     * @param rng        draws the dropout masks
     */
    public PositionalEncoding(int numHiddens, float dropout, int maxLen, UniformRandomProvider rng) {
        if (numHiddens <= 0 || numHiddens % 2 != 0 || maxLen <= 0) {
            throw new IllegalArgumentException("positional encoding needs an even, positive numHiddens and a positive "
                    + "maxLen, got " + numHiddens + " and " + maxLen);
        }
        this.numHiddens = numHiddens;
        this.maxLen = maxLen;
        this.table = new float[maxLen * numHiddens];
        for (int j = 0; j < numHiddens; j += 2) {
            float frequency = (float) Math.pow(10000f, (float) j / numHiddens);
            for (int i = 0; i < maxLen; i++) {
                float angle = i / frequency;
                table[i * numHiddens + j] = (float) Math.sin(angle);
                table[i * numHiddens + j + 1] = (float) Math.cos(angle);
            }
        }
        this.dropout = registerModule("dropout", new Dropout(dropout, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        int steps = x.rank() == 3 ? x.shape(1) : -1;
        if (x.rank() != 3 || x.shape(2) != numHiddens || steps > maxLen) {
            throw new IllegalArgumentException("positional encoding of width " + numHiddens + " for up to " + maxLen
                    + " steps needs an input [batch, steps <= " + maxLen + ", " + numHiddens + "], got "
                    + Arrays.toString(x.shape()));
        }
        float[] rows = Arrays.copyOf(table, steps * numHiddens);
        return dropout.forward(x.add(Tensor.of(x.backend(), rows, 1, steps, numHiddens)));
    }

    @Override
    protected String extraRepr() {
        return numHiddens + ", maxLen=" + maxLen;
    }
}
